// The handoff: a "## Copilot handoff" section in the day's daily note (stopped at, next action,
// required reading, open loops, latest context record, resume prompt). Writing only ever adds: a
// second handoff on the same day goes below the first as "## Copilot handoff (14:30)", so nothing an
// earlier session or a human wrote is removed; the newest handoff is the one a session resumes from.

import { DateTime } from "luxon";
import { UserError } from "../errors";
import { listLoops, type Loop } from "../loops";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { applyPlan, emptyPlan, planWrite } from "../write-plan";
import { listContextDecisions } from "./context-records";
import { dailyNoteDate, dailyNoteName, dailyNotePath, newDailyNoteText } from "./daily-note";
import { HANDOFF_HEADING, handoffSections, latestHandoffIn, type Handoff } from "./handoff-parse";
import { HANDOFF_STAMP, renderHandoffSection, singleLine, type HandoffInput } from "./handoff-render";
import { insertBlock, outline, sectionBody } from "./section";

/** Open and clarifying loops: what the next session must not lose. */
export async function activeLoops(vault: VaultPort, settings: DecpSettings): Promise<Loop[]> {
  return (await listLoops(vault, settings)).loops.filter((l) => l.status === "open" || l.status === "clarifying");
}

export interface HandoffResult {
  path: string;
  /** "created": a new daily note; "added": a section added to the note; "unchanged": its newest handoff says this already. */
  status: "created" | "added" | "unchanged";
  /** Kept for callers that only ask whether the note is new. */
  created: boolean;
  heading: string;
  section: string;
  warnings: string[];
}

function withoutStamp(body: string): string {
  return body
    .split("\n")
    .filter((line) => !HANDOFF_STAMP.test(line.trim()))
    .join("\n")
    .trim();
}

/** "Copilot handoff" for the day's first, "Copilot handoff (14:30)" (then ", 2", ...) for later ones. */
function nextHeading(taken: string[], now: DateTime): string {
  if (taken.length === 0) return HANDOFF_HEADING;
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const time = now.toFormat("HH:mm");
  for (let n = 1; ; n++) {
    const heading = `${HANDOFF_HEADING} (${n === 1 ? time : `${time}, ${n}`})`;
    if (!used.has(heading.toLowerCase())) return heading;
  }
}

/**
 * The note with the new handoff inserted after the day's last handoff (else at the end); unchanged
 * when the newest handoff already holds this very text. Pure: callers run it inside vault.process.
 */
export function addHandoffToNote(
  text: string,
  section: string,
  now: DateTime,
): { text: string; heading: string; added: boolean } {
  const note = outline(text);
  const existing = handoffSections(note);
  const last = existing.at(-1);
  if (last && withoutStamp(sectionBody(note, last)) === withoutStamp(section))
    return { text, heading: last.heading.text, added: false };
  const heading = nextHeading(
    existing.map((s) => s.heading.text),
    now,
  );
  const inserted = insertBlock(text, [`## ${heading}`, ...section.split("\n")], last ? last.end : null);
  return { text: inserted.text, heading, added: true };
}

function requireField(value: string, name: string, flag: string): void {
  if (singleLine(value) === "")
    throw new UserError(`A handoff needs ${name}`, { token: flag }, `Say ${name} in one line (${flag})`);
}

/** Adds a handoff section to today's daily note, creating the note (with its template) if needed. */
export async function writeHandoff(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  input: HandoffInput,
  clock: Clock,
): Promise<HandoffResult> {
  requireField(input.stoppedAt, "where the session stopped", "--stopped-at");
  requireField(input.nextAction, "the next action", "--next");
  const now = DateTime.fromJSDate(clock.now());
  const path = dailyNotePath(daily, now);
  const loops = await activeLoops(vault, settings);
  const [record] = await listContextDecisions(vault, settings);
  const section = renderHandoffSection(dailyNoteName(daily, now), now, input, loops, record);
  const warnings: string[] = [];
  if (await vault.exists(path)) {
    let result = { heading: HANDOFF_HEADING, added: false };
    await vault.process(path, (current) => {
      const next = addHandoffToNote(current, section, now);
      result = next;
      return next.text;
    });
    const status = result.added ? "added" : "unchanged";
    return { path, status, created: false, heading: result.heading, section, warnings };
  }
  const fresh = await newDailyNoteText(vault, daily, now, now);
  if (fresh.warning) warnings.push(fresh.warning);
  const added = addHandoffToNote(fresh.text, section, now);
  const plan = emptyPlan();
  planWrite(plan, path, added.text, "handoff in a new daily note");
  await applyPlan(vault, plan);
  return { path, status: "created", created: true, heading: added.heading, section, warnings };
}

/** The newest handoff: the last handoff section of the newest daily note that has one, or null. */
export async function latestHandoff(vault: VaultPort, daily: DailyNoteSettings): Promise<Handoff | null> {
  const dated = (await vault.list(daily.folder))
    .map((path) => ({ path, date: dailyNoteDate(daily, path) }))
    .filter((d): d is { path: string; date: DateTime } => d.date !== null)
    .sort((a, b) => b.date.toMillis() - a.date.toMillis());
  for (const { path, date } of dated) {
    const handoff = latestHandoffIn(await vault.read(path), date.toISODate()!, path);
    if (handoff !== null) return handoff;
  }
  return null;
}
