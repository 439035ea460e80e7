// The session summary note (original SUMMARY format): metadata, loops by status (closed =
// achievements, open = next actions, clarifying = waiting for), context decisions with token
// figures and the budget peak, artifacts, checkpoints, next-session prep. Built from the vault.

import { formatTokens } from "../context";
import { parseOutcome, type Loop } from "../loops";
import { wikilink } from "../wikilinks";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import { joinVaultPath, type VaultPort } from "../vault";
import { isoSeconds } from "../timestamps";
import { renderGeneratedNote, writeGeneratedNote, type GeneratedWrite } from "./generated-note";
import { loopLine, noteLink, prose } from "./handoff-render";
import { collectSession, sessionDay, type SessionData } from "./session-data";

export function summaryPath(settings: DecpSettings, date: string): string {
  return joinVaultPath(settings.sessionsFolder, `${date} Session summary.md`);
}

function list<T>(items: T[], line: (item: T) => string, none = "- None"): string[] {
  return items.length ? items.map(line) : [none];
}

function percent(used: number, budget: number): string {
  return budget > 0 ? `${Math.round((used / budget) * 100)} %` : "n/a";
}

export function renderSessionSummary(data: SessionData, now: Date): string {
  const peak = data.decisions.reduce<SessionData["decisions"][number] | undefined>(
    (best, r) => (!best || r.used > best.used ? r : best),
    undefined,
  );
  const body = [
    `# Session summary: ${data.date}`,
    "",
    "## Metadata",
    `- Session: ${wikilink(data.name)}`,
    `- Loops: ${data.captured.length} captured, ${data.closed.length} closed, ${data.open.length} open, ${data.clarifying.length} waiting for`,
    `- Context decisions: ${data.decisions.length}`,
    ...(data.handoff ? [`- Stopped at: ${data.handoff.stoppedAt}`] : []),
    "",
    `## Loops captured (${data.captured.length})`,
    ...list(data.captured, loopLine),
    "",
    "## Achievements (closed)",
    ...list(data.closed, (l: Loop) => {
      const o = parseOutcome(l.outcome);
      return `- ${noteLink(l.path, l.id)} ${l.title}: ${prose(o.result)}${o.evidence ? ` (evidence: ${o.evidence})` : ""}${o.decision ? ` ${wikilink(o.decision)}` : ""}`;
    }),
    "",
    ...(data.rejected.length
      ? [`## Rejected proposals (${data.rejected.length})`, ...data.rejected.map(loopLine), ""]
      : []),
    "## Next actions (open)",
    ...list(data.open, loopLine),
    "",
    "## Waiting for (clarifying)",
    ...list(data.clarifying, loopLine),
    "",
    "## Context decisions",
    ...(data.decisions.length
      ? [
          "| Record | Focus | Used | Budget | Phase |",
          "| --- | --- | ---: | ---: | --- |",
          ...data.decisions.map(
            (r) =>
              `| ${noteLink(r.path, r.path.split("/").pop()!.replace(/\.md$/, ""))} | ${r.focus} | ${formatTokens(r.used)} | ${formatTokens(r.budget)} | ${r.phase} |`,
          ),
          "",
          `Budget peak: ${formatTokens(peak!.used)} / ${formatTokens(peak!.budget)} tokens (${percent(peak!.used, peak!.budget)}${peak!.phase ? `, ${peak!.phase}` : ""})`,
        ]
      : ["- None"]),
    "",
    `## Artifacts (${data.artifacts.length})`,
    ...list(data.artifacts, (p) => `- ${noteLink(p)}`),
    "",
    "## Checkpoints",
    ...list(data.checkpoints, (c) => `- ${c.at ? `${c.at} ` : ""}${c.kind}: ${c.text}`),
    "",
    "## Next-session prep",
    `- Next action: ${data.handoff?.nextAction || (data.open[0] ? `none recorded; first open loop is ${data.open[0].id} ${data.open[0].title}` : "none recorded")}`,
    ...(data.handoff?.reading.length ? [`- Read first: ${data.handoff.reading.join(", ")}`] : []),
    `- Loops to carry: ${data.carried.length ? data.carried.map((l) => l.id).join(", ") : "none"}`,
    "",
  ].join("\n");
  return renderGeneratedNote(
    {
      type: "summary",
      date: data.date,
      session: wikilink(data.name),
      generated: isoSeconds(now),
      loops_captured: data.captured.length,
      loops_closed: data.closed.length,
      budget_peak: peak?.used ?? 0,
    },
    body,
  );
}

export interface SummaryResult extends GeneratedWrite {
  data: SessionData;
  text: string;
}

export async function buildSessionSummary(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { date?: string; clock: Clock },
): Promise<SummaryResult> {
  const path = summaryPath(settings, sessionDay(options.date, options.clock).toISODate()!);
  const data = await collectSession(vault, settings, daily, options);
  return { path, status: "unchanged", data, text: renderSessionSummary(data, options.clock.now()) };
}

/** Builds and writes the summary note into the Sessions folder. */
export async function writeSessionSummary(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { date?: string; clock: Clock },
): Promise<SummaryResult> {
  const built = await buildSessionSummary(vault, settings, daily, options);
  const written = await writeGeneratedNote(vault, built.path, built.text);
  return { ...built, ...written };
}
