// What happened in one session (a day, the daily note's date): loops captured, closed and still
// active, context decisions, what the session made through decp, checkpoints. Summary and PR
// narrative both read this.

import { DateTime } from "luxon";
import { formatTokens } from "../context";
import { UserError } from "../errors";
import { isAchieved, listLoops, type Loop } from "../loops";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import { basename, joinVaultPath, type VaultPort } from "../vault";
import { linkTarget } from "../wikilinks";
import { listContextDecisions, type ContextDecision } from "./context-records";
import { dailyNoteName, dailyNotePath } from "./daily-note";
import { latestHandoffIn, type Handoff } from "./handoff-parse";

export interface Checkpoint {
  /** "HH:mm" in the session's zone; "" for checkpoints marked in the daily note. */
  at: string;
  kind: "loop captured" | "loop closed" | "loop rejected" | "decision" | "checkpoint";
  text: string;
}

export interface SessionData {
  date: string;
  name: string;
  dailyNote: string;
  handoff: Handoff | null;
  captured: Loop[];
  /** Closed as done on the day (achievements); rejected proposals are not among them. */
  closed: Loop[];
  /** Proposals closed without approval on the day. */
  rejected: Loop[];
  open: Loop[];
  clarifying: Loop[];
  /** Every open or clarifying loop in the vault, for next-session prep. */
  carried: Loop[];
  decisions: ContextDecision[];
  /** What the session made or changed through decp: handoff note, loops, context records, their focus models, PR narrative. */
  artifacts: string[];
  checkpoints: Checkpoint[];
}

export function sessionDay(date: string | undefined, clock: Clock): DateTime {
  if (date === undefined) return DateTime.fromJSDate(clock.now()).startOf("day");
  const day = DateTime.fromISO(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid)
    throw new UserError(`"${date}" is not a date`, { token: date }, "Use YYYY-MM-DD, e.g. 2026-01-21");
  return day.startOf("day");
}

function onDay(iso: string | undefined, day: DateTime): boolean {
  if (!iso) return false;
  const at = DateTime.fromISO(iso);
  return at.isValid && at.setZone(day.zone).hasSame(day, "day");
}

function timeOf(iso: string, day: DateTime): string {
  return DateTime.fromISO(iso).setZone(day.zone).toFormat("HH:mm");
}

/**
 * The session's own artifacts, from the protocol's records of it rather than file times (a demo
 * build or a sync touches a thousand files in a day). Model notes are the focus of the day's packs.
 */
async function sessionArtifacts(
  vault: VaultPort,
  settings: DecpSettings,
  parts: { handoffNote: string | null; loops: Loop[]; decisions: ContextDecision[]; prNarrative: string },
): Promise<string[]> {
  const focus = new Set(parts.decisions.map((r) => linkTarget(r.focus)).filter((f) => f !== ""));
  const models = focus.size ? (await vault.list(settings.dbtFolder)).filter((p) => focus.has(basename(p))) : [];
  const found = new Set(models.map((p) => basename(p)));
  return [
    ...new Set([
      ...(parts.handoffNote ? [parts.handoffNote] : []),
      ...parts.loops.map((l) => l.path).sort(),
      ...parts.decisions.map((r) => r.path),
      ...models.sort(),
      ...[...focus].filter((f) => !found.has(f)),
      ...((await vault.exists(parts.prNarrative)) ? [parts.prNarrative] : []),
    ]),
  ];
}

export async function collectSession(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { date?: string; clock: Clock },
): Promise<SessionData> {
  const day = sessionDay(options.date, options.clock);
  const name = dailyNoteName(daily, day);
  const dailyNote = dailyNotePath(daily, day);
  const { loops } = await listLoops(vault, settings);
  const inSession = (l: Loop): boolean => l.session === name || onDay(l.captured, day);
  const sessionLoops = loops.filter((l) => inSession(l) || onDay(l.closed, day));
  const dailyText = (await vault.exists(dailyNote)) ? await vault.read(dailyNote) : "";
  const decisions = (await listContextDecisions(vault, settings)).filter((r) => onDay(r.created, day)).reverse();

  const handoff = latestHandoffIn(dailyText, day.toISODate()!, dailyNote);
  const artifacts = await sessionArtifacts(vault, settings, {
    handoffNote: handoff ? dailyNote : null,
    loops: loops.filter((l) => inSession(l) || onDay(l.closed, day) || onDay(l.clarified, day)),
    decisions,
    prNarrative: joinVaultPath(settings.sessionsFolder, `${day.toISODate()!} PR narrative.md`),
  });

  const checkpoints: Checkpoint[] = [
    ...loops
      .filter(inSession)
      .map((l) => ({ at: l.captured, kind: "loop captured" as const, text: `${l.id} ${l.title}` })),
    ...loops
      .filter((l) => onDay(l.closed, day))
      .map((l) => ({
        at: l.closed!,
        kind: l.rejected ? ("loop rejected" as const) : ("loop closed" as const),
        text: `${l.id} ${l.title}`,
      })),
    ...decisions.map((r) => ({
      at: r.created,
      kind: "decision" as const,
      text: `context for ${r.focus || r.path} (${formatTokens(r.used)} / ${formatTokens(r.budget)} tokens)`,
    })),
  ]
    .filter((c) => DateTime.fromISO(c.at).isValid)
    .map((c) => ({ ...c, at: timeOf(c.at, day) }))
    .sort((a, b) => a.at.localeCompare(b.at));
  // Checkpoints marked in the daily note carry no time; they follow the timed events.
  for (const m of dailyText.matchAll(/^.*\bCHECKPOINT-\d{3,}\b.*$/gm)) {
    checkpoints.push({ at: "", kind: "checkpoint", text: m[0].replace(/^\s*[-*]\s+/, "").trim() });
  }

  return {
    date: day.toISODate()!,
    name,
    dailyNote,
    handoff,
    captured: loops.filter(inSession),
    closed: loops.filter((l) => isAchieved(l) && onDay(l.closed, day)),
    rejected: loops.filter((l) => l.status === "closed" && l.rejected && onDay(l.closed, day)),
    open: sessionLoops.filter((l) => l.status === "open"),
    clarifying: sessionLoops.filter((l) => l.status === "clarifying"),
    carried: loops.filter((l) => l.status === "open" || l.status === "clarifying"),
    decisions,
    artifacts,
    checkpoints,
  };
}
