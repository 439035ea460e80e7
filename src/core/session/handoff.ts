// The handoff: a "## Copilot handoff" section in the day's daily note (stopped at, next action,
// required reading, open loops, latest context record, resume prompt). Owned here: written and read
// back only by this module. Re-running replaces the section in place and touches nothing else.

import { DateTime } from "luxon";
import { listLoops, type Loop } from "../loops";
import { stripTeachingComments } from "../templates";
import type { Clock } from "../ports";
import type { DailyNoteSettings, DecpSettings } from "../settings";
import { basename, type VaultPort } from "../vault";
import { aliasedWikilink, findWikilinks, parseWikilink, wikilink } from "../wikilinks";
import { applyPlan, emptyPlan, planWrite } from "../write-plan";
import { listContextDecisions, type ContextDecision } from "./context-records";
import { dailyNoteDate, dailyNoteName, dailyNotePath, newDailyNoteText } from "./daily-note";
import { readSection, upsertSection } from "./section";

export const HANDOFF_HEADING = "Copilot handoff";

export interface HandoffInput {
  stoppedAt: string;
  nextAction: string;
  /** Extra notes to read first (names or paths); open loops' models and the context record are added. */
  reading?: string[];
}

export interface Handoff {
  date: string;
  dailyNote: string;
  stoppedAt: string;
  nextAction: string;
  reading: string[];
}

/** A link that resolves whether given a note name or a vault path. */
export function noteLink(pathOrName: string, alias?: string): string {
  return aliasedWikilink(pathOrName.replace(/\.md$/, ""), alias);
}

export function loopLine(loop: Loop): string {
  const models = loop.models.length ? `; ${loop.models.map(wikilink).join(", ")}` : "";
  return `- ${noteLink(loop.path, loop.id)} ${loop.title} (${loop.status}${models})`;
}

export function contextLine(record: ContextDecision): string {
  const focus = record.focus ? `focus ${record.focus}, ` : "";
  return `${noteLink(record.path, basename(record.path))}: ${focus}${record.used} / ${record.budget} tokens${record.phase ? ` (${record.phase})` : ""}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** One line ending in exactly one full stop, so "Done." does not become "Done..". */
function sentence(text: string, fallback: string): string {
  const line = oneLine(text) || fallback;
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** Loop text as one line for packs and generated notes: teaching comments (%% ... %%) left out. */
export function prose(text: string): string {
  return oneLine(stripTeachingComments(text));
}

export function resumePrompt(date: string, input: HandoffInput, loops: Loop[], reading: string[]): string {
  const loopText = loops.length ? loops.map((l) => `${l.id} ${l.title} (${l.status})`).join("; ") : "none";
  return [
    `We are resuming our data engineering session of ${date}. Follow the decp protocol (BOOTLOADER in the protocol folder).`,
    `Stopped at: ${sentence(input.stoppedAt, "(not recorded)")}`,
    `Next action: ${sentence(input.nextAction, "(not recorded)")}`,
    `Open loops: ${loopText}.`,
    `Read first: ${reading.length ? reading.join(", ") : "nothing extra"}.`,
    "Before acting, restate the next action and the loop it serves. Propose new open questions as <loop> blocks (they stay proposed until I approve them).",
  ].join("\n");
}

export function renderHandoffSection(
  date: string,
  now: DateTime,
  input: HandoffInput,
  loops: Loop[],
  record: ContextDecision | undefined,
): string {
  const reading = [
    ...new Set([
      ...(input.reading ?? []).map((r) => noteLink(r)),
      ...loops.flatMap((l) => l.models.map(wikilink)),
      ...(record ? [noteLink(record.path, basename(record.path))] : []),
    ]),
  ];
  const names = reading.map((r) => {
    const link = parseWikilink(r);
    return link ? link.target + link.subpath : r;
  });
  return [
    `%% Written by decp on ${now.toFormat("yyyy-MM-dd HH:mm")}. "Write handoff" replaces this section; keep your own notes outside it. %%`,
    `- **Stopped at:** ${oneLine(input.stoppedAt)}`,
    `- **Next action:** ${oneLine(input.nextAction)}`,
    "",
    "### Required reading",
    ...(reading.length ? reading.map((r) => `- ${r}`) : ["- Nothing extra"]),
    "",
    "### Open loops",
    ...(loops.length ? loops.map(loopLine) : ["- None"]),
    "",
    "### Context",
    `- ${record ? contextLine(record) : "No context record yet"}`,
    "",
    "### Resume prompt",
    "```text",
    resumePrompt(date, input, loops, names),
    "```",
  ].join("\n");
}

/** Open and clarifying loops: what the next session must not lose. */
export async function activeLoops(vault: VaultPort, settings: DecpSettings): Promise<Loop[]> {
  return (await listLoops(vault, settings)).loops.filter((l) => l.status === "open" || l.status === "clarifying");
}

export interface HandoffResult {
  path: string;
  created: boolean;
  section: string;
  warnings: string[];
}

/** Adds or replaces the handoff section of today's daily note, creating the note (with its template) if needed. */
export async function writeHandoff(
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  input: HandoffInput,
  clock: Clock,
): Promise<HandoffResult> {
  const now = DateTime.fromJSDate(clock.now());
  const path = dailyNotePath(daily, now);
  const loops = await activeLoops(vault, settings);
  const [record] = await listContextDecisions(vault, settings);
  const section = renderHandoffSection(dailyNoteName(daily, now), now, input, loops, record);
  const warnings: string[] = [];
  if (await vault.exists(path)) {
    await vault.process(path, (current) => upsertSection(current, 2, HANDOFF_HEADING, section));
    return { path, created: false, section, warnings };
  }
  const fresh = await newDailyNoteText(vault, daily, now, now);
  if (fresh.warning) warnings.push(fresh.warning);
  const plan = emptyPlan();
  planWrite(plan, path, upsertSection(fresh.text, 2, HANDOFF_HEADING, section), "handoff in a new daily note");
  await applyPlan(vault, plan);
  return { path, created: true, section, warnings };
}

function field(section: string, label: string): string {
  const m = new RegExp(`^- \\*\\*${label}:\\*\\* ?(.*)$`, "m").exec(section);
  return m ? m[1].trim() : "";
}

/** Reads a handoff section back (the state a resume pack starts from). */
export function parseHandoffSection(section: string, date: string, dailyNote: string): Handoff {
  const reading = readSection(section, 3, "Required reading") ?? "";
  return {
    date,
    dailyNote,
    stoppedAt: field(section, "Stopped at"),
    nextAction: field(section, "Next action"),
    // List items that start with a link; what follows the link on the line is the user's.
    reading: reading.split("\n").flatMap((line) => {
      const [first] = findWikilinks(line);
      return line.startsWith("- ") && first?.index === 2 && !first.embed ? [first.text] : [];
    }),
  };
}

/** The newest daily note carrying a handoff section, or null. */
export async function latestHandoff(vault: VaultPort, daily: DailyNoteSettings): Promise<Handoff | null> {
  const dated = (await vault.list(daily.folder))
    .map((path) => ({ path, date: dailyNoteDate(daily, path) }))
    .filter((d): d is { path: string; date: DateTime } => d.date !== null)
    .sort((a, b) => b.date.toMillis() - a.date.toMillis());
  for (const { path, date } of dated) {
    const section = readSection(await vault.read(path), 2, HANDOFF_HEADING);
    if (section !== null) return parseHandoffSection(section, date.toISODate()!, path);
  }
  return null;
}
