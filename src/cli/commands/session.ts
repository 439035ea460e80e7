// `decp handoff`, `decp resume`, `decp summary`, `decp pr-narrative`: the session commands.
// Daily notes are the vault's own (Obsidian's Daily notes or Periodic Notes settings, see vault-config.ts).

import type { Command } from "commander";
import { UserError } from "../../core/errors";
import { systemClock } from "../../core/ports";
import { draftPrNarrative, singleLine, writeHandoff, writeSessionSummary } from "../../core/session";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";
import { cliResumePack } from "../resume-pack";

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(
      `"${value}" is not a whole number above 0`,
      { token: value },
      "Pass a token budget such as 5000",
    );
  return n;
}

export function registerSessionCommands(program: Command): void {
  program
    .command("handoff")
    .description(
      "Add a handoff to today's daily note: where the session stopped, the next action, what to read first, open loops, the latest context record and a resume prompt. Never edits or removes what the note already holds; a second handoff on the same day goes below the first",
    )
    .argument("<vault>", "vault folder")
    .option("--stopped-at <text>", "where the session stopped (required, one line)")
    .option("--next <text>", "the next action (required, one line)")
    .option("--read <notes...>", "notes the next session must read first")
    .option("--json", "print one JSON document")
    .showHelpAfterError(false)
    .action(
      async (
        root: string,
        options: OutputOptions & { stoppedAt?: string; next?: string; read?: string[] },
        command: Command,
      ) => {
        const missing = [
          singleLine(options.stoppedAt ?? "") ? "" : "--stopped-at <text> (where the session stopped)",
          singleLine(options.next ?? "") ? "" : "--next <text> (the next action)",
        ].filter(Boolean);
        if (missing.length)
          command.error(`error: decp handoff needs ${missing.join(" and ")}, one line each`, {
            exitCode: 2,
            code: "decp.usage",
          });
        const { vault, settings, daily } = await openCliVault(root);
        const result = await writeHandoff(
          vault,
          settings,
          daily,
          { stoppedAt: options.stoppedAt!, nextAction: options.next!, reading: options.read },
          systemClock,
        );
        const verb = { created: "created", added: "added a handoff to", unchanged: "unchanged (same handoff)" };
        const human = [`${verb[result.status]} ${result.path}`, ...result.warnings.map((w) => `warning: ${w}`)].join(
          "\n",
        );
        printResult(options, human, {
          path: result.path,
          status: result.status,
          created: result.created,
          heading: result.heading,
          warnings: result.warnings,
        });
      },
    );

  program
    .command("resume")
    .description(
      "Print the resume pack: protocol, last handoff, the project's STATE note, open loops (with what came back when they were clarified) and the latest context decision, within a token budget",
    )
    .argument("<vault>", "vault folder")
    .option("--budget <n>", "token budget (default: the settings' budget)")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions & { budget?: string }) => {
      const pack = await cliResumePack(
        root,
        options.budget === undefined ? undefined : positiveInteger(options.budget),
      );
      printResult(options, pack.text, {
        text: pack.text,
        tokens: pack.tokens,
        budget: pack.budget,
        fits: pack.fits,
        loops: pack.loops,
        dropped: pack.dropped,
      });
    });

  program
    .command("summary")
    .description("Write the session summary note for a day (today by default)")
    .argument("<vault>", "vault folder")
    .option("--date <date>", "session date, YYYY-MM-DD")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions & { date?: string }) => {
      const { vault, settings, daily } = await openCliVault(root);
      const result = await writeSessionSummary(vault, settings, daily, {
        date: options.date,
        clock: systemClock,
      });
      const d = result.data;
      printResult(options, `${result.status} ${result.path}`, {
        path: result.path,
        status: result.status,
        date: d.date,
        captured: d.captured.map((l) => l.id),
        closed: d.closed.map((l) => l.id),
        rejected: d.rejected.map((l) => l.id),
        open: d.open.map((l) => l.id),
        clarifying: d.clarifying.map((l) => l.id),
        decisions: d.decisions.map((r) => ({ path: r.path, used: r.used, budget: r.budget, phase: r.phase })),
        artifacts: d.artifacts,
      });
    });

  program
    .command("pr-narrative")
    .description("Draft a PR narrative from a session (or chosen loops): problem, reasoning, proof, impact, follow-ups")
    .argument("<vault>", "vault folder")
    .option("--date <date>", "session date, YYYY-MM-DD")
    .option("--loops <ids...>", "loops to narrate instead of the session's")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions & { date?: string; loops?: string[] }) => {
      const { vault, settings, daily } = await openCliVault(root);
      const result = await draftPrNarrative(vault, settings, daily, {
        date: options.date,
        loops: options.loops,
        clock: systemClock,
      });
      printResult(options, `${result.status} ${result.path}`, { path: result.path, status: result.status });
    });
}
