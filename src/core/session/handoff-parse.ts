// Reading a handoff back from a daily note, in either of its two forms: the bullet lines decp writes
// ("- **Stopped at:** ...") or the six headings of the HANDOFF template ("### Stopped at" with free
// text under it). A note can hold several handoffs (one per session); the last one is the newest.

import { stripTeachingComments } from "../templates";
import { findWikilinks } from "../wikilinks";
import { findSections, outline, sectionBody, type NoteOutline, type SectionRange } from "./section";

export const HANDOFF_HEADING = "Copilot handoff";

export interface Handoff {
  date: string;
  dailyNote: string;
  stoppedAt: string;
  nextAction: string;
  /** Notes to read first, as written: links ("[[dim_customers]]") or plain names. */
  reading: string[];
}

/** "Copilot handoff", or a later one of the same day: "Copilot handoff (14:30)". */
export function isHandoffHeading(text: string): boolean {
  return /^copilot handoff(?:\s*\([^)]*\))?$/i.test(text.trim());
}

export function handoffSections(note: NoteOutline): SectionRange[] {
  return findSections(note, 2, isHandoffHeading);
}

const FIELDS = { stoppedAt: "Stopped at", nextAction: "Next action" } as const;

/** "- **Stopped at:** x", "**Stopped at**: x", "Stopped at: x" (the bullet form). */
function bulletField(lines: string[], label: string): string {
  const pattern = new RegExp(
    `^\\s*(?:[-*+]\\s+)?(?:\\*\\*|__)?${label}(?::(?:\\*\\*|__)|(?:\\*\\*|__)?:)\\s*(.*)$`,
    "i",
  );
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) return m[1].trim();
  }
  return "";
}

/** Free text under a template heading as one line: comments, empty bullets and fence lines left out. */
function flatten(text: string): string {
  return stripTeachingComments(text)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => !/^(`{3,}|~{3,})/.test(line))
    .map((line) => line.replace(/^(?:[-*+]|\d+[.)])(?:\s+|$)/, "").trim())
    .filter((line) => line !== "")
    .join(" ");
}

/** Items of a bullet list: links as written, plain names trimmed; placeholders and empty bullets left out. */
function listItems(text: string): string[] {
  return stripTeachingComments(text)
    .split("\n")
    .map((line) => /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line)?.[1].trim() ?? "")
    .map((item) => {
      const [first] = findWikilinks(item);
      return first?.index === 0 && !first.embed ? first.text : item;
    })
    .filter((item) => item !== "" && !/^nothing extra$/i.test(item));
}

/** Reads one handoff section's body (the lines under its heading). */
export function parseHandoffSection(body: string, date: string, dailyNote: string): Handoff {
  const inner = outline(body);
  const sub = (title: string): string | null => {
    const range = findSections(inner, 3, (t) => t.replace(/:$/, "").toLowerCase() === title.toLowerCase())[0];
    return range ? sectionBody(inner, range) : null;
  };
  const firstSub = inner.headings.find((h) => h.level <= 3);
  const preamble = inner.lines.slice(0, firstSub ? firstSub.line : inner.lines.length);
  const field = (label: string): string => {
    const heading = sub(label);
    const fromHeading = heading === null ? "" : flatten(heading);
    return fromHeading || bulletField(preamble, label);
  };
  return {
    date,
    dailyNote,
    stoppedAt: field(FIELDS.stoppedAt),
    nextAction: field(FIELDS.nextAction),
    reading: listItems(sub("Required reading") ?? ""),
  };
}

/** The newest handoff in a note's text (the last handoff section), or null. */
export function latestHandoffIn(text: string, date: string, dailyNote: string): Handoff | null {
  const note = outline(text);
  const last = handoffSections(note).at(-1);
  return last ? parseHandoffSection(sectionBody(note, last), date, dailyNote) : null;
}
