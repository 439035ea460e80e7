// `decp capture`, `decp approve`, `decp loops`, `decp loop-status`: loops from the command line.
// Parse arguments, call core, print; agents only propose, approval is a separate human step.

import { promises as fs } from "node:fs";
import type { Command } from "commander";
import { DateTime } from "luxon";
import { UserError } from "../../core/errors";
import {
  approveLoops,
  captureLoops,
  changeLoopStatus,
  filterLoops,
  findLoops,
  isLoopStatus,
  listLoops,
  LOOP_STATUSES,
  parseLoopQuery,
  type Loop,
} from "../../core/loops";
import { systemClock } from "../../core/ports";
import { dailyNoteName } from "../../core/session";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";

async function readInput(from: string): Promise<string> {
  if (from === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
  const text = await fs.readFile(from, "utf8").catch(() => null);
  if (text === null)
    throw new UserError(`Cannot read "${from}"`, { file: from }, "Pass a file with the agent's reply, or - for stdin");
  return text;
}

function brief(loop: Loop): { id: string; status: string; title: string; path: string } {
  return { id: loop.id, status: loop.status, title: loop.title, path: loop.path };
}

export function registerLoopsCommands(program: Command): void {
  program
    .command("capture")
    .description("Propose loops from an agent's reply (<loop> blocks, ```loop fences or a Loops list)")
    .argument("<vault>", "vault folder")
    .requiredOption("--from <file>", "file holding the agent text, or - for stdin")
    .option("--session <date>", "session (daily note name) the loops belong to; today by default")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions & { from: string; session?: string }) => {
      const { vault, settings } = await openCliVault(root);
      const text = await readInput(options.from);
      const session = options.session ?? dailyNoteName(settings.dailyNotes, DateTime.now());
      const result = await captureLoops(vault, settings, text, { clock: systemClock, session });
      if (result.created.length === 0 && result.problems.length === 0) {
        throw new UserError(
          `No loops found in ${options.from === "-" ? "stdin" : `"${options.from}"`}`,
          {},
          "Paste <loop> blocks, a ```loop block or a bullet list under a Loops heading",
        );
      }
      const human = [
        ...result.created.map(
          (l) => `proposed ${l.id} ${l.title}${l.models.length ? ` (models: ${l.models.join(", ")})` : ""}`,
        ),
        ...result.problems.map((p) => `problem: line ${p.line}: ${p.message}`),
        result.created.length ? `Approve with: decp approve ${root} ${result.created.map((l) => l.id).join(" ")}` : "",
      ].filter(Boolean);
      printResult(options, human.join("\n"), {
        proposed: result.created.map((l) => ({ ...brief(l), models: l.models })),
        problems: result.problems,
        renumbered: result.renumbered,
      });
    });

  program
    .command("approve")
    .description("Approve proposed loops (proposed -> open)")
    .argument("<vault>", "vault folder")
    .argument("<loops...>", "loop ids (LOOP-007) or exact titles")
    .option("--json", "print one JSON document")
    .action(async (root: string, refs: string[], options: OutputOptions) => {
      const { vault, settings } = await openCliVault(root);
      const approved = await approveLoops(vault, settings, refs, systemClock);
      printResult(options, approved.map((l) => `approved ${l.id} ${l.title}`).join("\n"), {
        approved: approved.map(brief),
      });
    });

  program
    .command("loops")
    .description("List loops (unreadable loop notes are listed with their error)")
    .argument("<vault>", "vault folder")
    .option(
      "--status <status>",
      `only loops with this status (${LOOP_STATUSES.join(", ")}); comma-separated for several`,
    )
    .option(
      "--query <query>",
      'a decp-loops query, lines separated by ";" (e.g. "model: fct_orders; captured: last 7 days")',
    )
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions & { status?: string; query?: string }) => {
      const { vault, settings } = await openCliVault(root);
      const source = [options.status ? `status: ${options.status}` : "", ...(options.query ?? "").split(";")].join(
        "\n",
      );
      const query = parseLoopQuery(source, "--status/--query");
      const { loops, unreadable } = await listLoops(vault, settings);
      const hits = filterLoops(loops, query, new Date());
      const human = [
        ...hits.map((l) => `${l.id}  ${l.status.padEnd(10)}  ${l.title}`),
        ...unreadable.map((u) => `unreadable: ${u.error}`),
        hits.length === 0 && unreadable.length === 0 ? "No loops." : "",
      ].filter(Boolean);
      printResult(options, human.join("\n"), { loops: hits.map(brief), unreadable });
    });

  program
    .command("loop-status")
    .description("Move a loop through its lifecycle (closing needs --result)")
    .argument("<vault>", "vault folder")
    .argument("<loop>", "loop id or exact title")
    .argument("<status>", LOOP_STATUSES.join(" | "))
    .option("--result <text>", "what came out of it (required to close)")
    .option("--evidence <text>", "test, query or link that shows it")
    .option("--decision <ref>", "decision id or note")
    .option("--json", "print one JSON document")
    .action(
      async (
        root: string,
        ref: string,
        status: string,
        options: OutputOptions & { result?: string; evidence?: string; decision?: string },
      ) => {
        if (!isLoopStatus(status))
          throw new UserError(
            `Unknown status "${status}"`,
            { token: status },
            `Use one of: ${LOOP_STATUSES.join(", ")}`,
          );
        const { vault, settings } = await openCliVault(root);
        const [loop] = findLoops((await listLoops(vault, settings)).loops, [ref]);
        const outcome = options.result
          ? { result: options.result, evidence: options.evidence, decision: options.decision }
          : undefined;
        const changed = await changeLoopStatus(vault, loop.path, status, { clock: systemClock, outcome });
        printResult(options, `${changed.id} is ${changed.status}`, brief(changed));
      },
    );
}
