// What happened in one session (a day, the daily note's date): loops captured, closed and still
// active, context decisions, files touched, checkpoints. Summary and PR narrative both read this.

import { DateTime } from "luxon";
import { UserError } from "../errors";
import { listLoops, type Loop } from "../loops";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { listContextDecisions, type ContextDecision } from "./context-records";
import { dailyNoteName, dailyNotePath } from "./daily-note";
import { HANDOFF_HEADING, parseHandoffSection, type Handoff } from "./handoff";
import { readSection } from "./section";

export interface Checkpoint {
  /** "HH:mm" in the session's zone; "" for checkpoints marked in the daily note. */
  at: string;
  kind: "loop captured" | "loop closed" | "decision" | "checkpoint";
  text: string;
}

export interface SessionData {
  date: string;
  name: string;
  dailyNote: string;
  handoff: Handoff | null;
  captured: Loop[];
  closed: Loop[];
  open: Loop[];
  clarifying: Loop[];
  /** Every open or clarifying loop in the vault, for next-session prep. */
  carried: Loop[];
  decisions: ContextDecision[];
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

export async function collectSession(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { date?: string; clock: Clock; exclude?: string[] },
): Promise<SessionData> {
  const day = sessionDay(options.date, options.clock);
  const name = dailyNoteName(daily, day);
  const dailyNote = dailyNotePath(daily, day);
  const { loops } = await listLoops(vault, settings);
  const inSession = (l: Loop): boolean => l.session === name || onDay(l.captured, day);
  const sessionLoops = loops.filter((l) => inSession(l) || onDay(l.closed, day));
  const dailyText = (await vault.exists(dailyNote)) ? await vault.read(dailyNote) : "";
  const section = readSection(dailyText, 2, HANDOFF_HEADING);
  const decisions = (await listContextDecisions(vault, settings)).filter((r) => onDay(r.created, day)).reverse();

  const start = day.toMillis();
  const end = day.endOf("day").toMillis();
  const artifacts: string[] = [];
  for (const path of await vault.list()) {
    if (options.exclude?.includes(path)) continue;
    const stat = await vault.stat(path);
    if (stat && stat.mtime >= start && stat.mtime <= end) artifacts.push(path);
  }

  const checkpoints: Checkpoint[] = [
    ...loops
      .filter(inSession)
      .map((l) => ({ at: l.captured, kind: "loop captured" as const, text: `${l.id} ${l.title}` })),
    ...loops
      .filter((l) => onDay(l.closed, day))
      .map((l) => ({ at: l.closed!, kind: "loop closed" as const, text: `${l.id} ${l.title}` })),
    ...decisions.map((r) => ({
      at: r.created,
      kind: "decision" as const,
      text: `context for ${r.focus || r.path} (${r.used} / ${r.budget} tokens)`,
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
    handoff: section === null ? null : parseHandoffSection(section, day.toISODate()!, dailyNote),
    captured: loops.filter(inSession),
    closed: loops.filter((l) => l.status === "closed" && onDay(l.closed, day)),
    open: sessionLoops.filter((l) => l.status === "open"),
    clarifying: sessionLoops.filter((l) => l.status === "clarifying"),
    carried: loops.filter((l) => l.status === "open" || l.status === "clarifying"),
    decisions,
    artifacts,
    checkpoints,
  };
}
