// The one owner of the loop note format (docs/ARCHITECTURE.md): frontmatter id/type/status/title/captured/
// session/models/ticktick_id/closed/clarified/due/priority/ticktick_list, body sections Context,
// Question, Outcome and (after a TickTick sync) Clarified in TickTick. Model links are repeated in the
// body so Obsidian's graph draws loop -> model edges.

import { UserError } from "../errors";
import {
  parseNote,
  patchFrontmatter,
  splitFrontmatter,
  stringifyNote,
  type Frontmatter,
  type FrontmatterPatch,
} from "../frontmatter";
import { parseId } from "../protocol";
import { linkTarget, wikilink } from "../wikilinks";
import { isLoopPriority, isLoopStatus, type Loop, type LoopPatch } from "./loop";

const OUTCOME_PLACEHOLDER = "%% Filled when closed: result, evidence, decision. %%";
const SECTION_HEADINGS = {
  context: "Context",
  question: "Question",
  outcome: "Outcome",
  clarification: "Clarified in TickTick",
} as const;
type SectionKey = keyof typeof SECTION_HEADINGS;
/** Sections every loop note has; the TickTick one only once the sync wrote it. */
const ALWAYS: readonly SectionKey[] = ["context", "question", "outcome"];

function modelsLine(models: string[]): string {
  return `Models: ${models.map(wikilink).join(", ")}`;
}

function loopFrontmatter(loop: Loop): Frontmatter {
  const fm: Frontmatter = {
    id: loop.id,
    type: "loop",
    status: loop.status,
    title: loop.title,
    captured: loop.captured,
  };
  if (loop.session !== undefined) fm.session = wikilink(loop.session);
  fm.models = loop.models.map(wikilink);
  if (loop.ticktickId !== undefined) fm.ticktick_id = loop.ticktickId;
  if (loop.closed !== undefined) fm.closed = loop.closed;
  if (loop.clarified !== undefined) fm.clarified = loop.clarified;
  if (loop.rejected !== undefined) fm.rejected = loop.rejected;
  if (loop.due !== undefined) fm.due = loop.due;
  if (loop.priority !== undefined) fm.priority = loop.priority;
  if (loop.ticktickList !== undefined) fm.ticktick_list = loop.ticktickList;
  return fm;
}

// A line of section text that reads as a level-2 heading would start a section of its own when read
// back (a "## Question" inside the context took over the question): such lines get one more
// backslash on the way in, and lose it on the way out.
const HEADING_LIKE = /^(\\*)(## )/gm;
const ESCAPED_HEADING = /^\\(\\*## )/gm;

function escapeHeadings(text: string): string {
  return text.replace(HEADING_LIKE, "\\$1$2");
}

function unescapeHeadings(text: string): string {
  return text.replace(ESCAPED_HEADING, "$1");
}

function sectionText(key: SectionKey, loop: Pick<Loop, SectionKey | "models">): string {
  if (key === "context") {
    const parts = [escapeHeadings(loop.context), loop.models.length ? modelsLine(loop.models) : ""].filter(
      (p) => p !== "",
    );
    return parts.join("\n\n");
  }
  if (key === "outcome") return loop.outcome === "" ? OUTCOME_PLACEHOLDER : escapeHeadings(loop.outcome);
  if (key === "clarification") return escapeHeadings(loop.clarification?.trim() ?? "");
  return escapeHeadings(loop.question);
}

function sectionsOf(loop: Pick<Loop, "clarification">): SectionKey[] {
  return loop.clarification === undefined ? [...ALWAYS] : [...ALWAYS, "clarification"];
}

export function renderLoopNote(loop: Loop): string {
  const body = sectionsOf(loop)
    .map((key) => `## ${SECTION_HEADINGS[key]}\n${sectionText(key, loop)}\n`)
    .join("\n");
  return stringifyNote(loopFrontmatter(loop), body);
}

interface Section {
  heading: string | null;
  content: string;
}

/** Splits a body at level-2 headings; the first section (heading null) is whatever precedes them. */
function splitSections(body: string): Section[] {
  const sections: Section[] = [{ heading: null, content: "" }];
  const lines = body.replace(/\r\n/g, "\n").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    const m = /^## (.+?)\s*$/.exec(line);
    if (m) sections.push({ heading: m[1], content: "" });
    else sections[sections.length - 1].content += line + "\n";
  }
  return sections;
}

/** A section added to a note starts after a blank line, as a rendered note's sections do. */
function appendSection(sections: Section[], section: Section): void {
  const last = sections[sections.length - 1];
  if (last.content !== "" && !last.content.endsWith("\n\n")) last.content = last.content.replace(/\n*$/, "\n\n");
  sections.push(section);
}

function joinSections(sections: Section[]): string {
  return sections.map((s) => (s.heading === null ? s.content : `## ${s.heading}\n${s.content}`)).join("");
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Parses a loop note; broken frontmatter or a missing id/status is a UserError naming the file. */
export function parseLoopNote(noteText: string, path: string): Loop {
  const note = parseNote(noteText, path);
  const fm = note.frontmatter;
  const id = text(fm.id);
  if (!id || !parseId(id) || parseId(id)?.type !== "LOOP") {
    throw new UserError(
      `Loop note has no valid id (found ${JSON.stringify(fm.id ?? null)})`,
      { file: path, line: 2 },
      "Set id: LOOP-NNN in the frontmatter",
    );
  }
  if (!isLoopStatus(fm.status)) {
    throw new UserError(
      `Loop note has an unknown status ${JSON.stringify(fm.status ?? null)}`,
      { file: path, line: 2 },
      "Use one of: proposed, open, clarifying, closed",
    );
  }
  const rawModels = Array.isArray(fm.models)
    ? fm.models
    : fm.models === undefined || fm.models === null
      ? []
      : [fm.models];
  const models = rawModels.map((m) => linkTarget(String(m))).filter((m) => m !== "");
  const sections = splitSections(note.body);
  const find = (key: SectionKey): string => {
    const section = sections.find((s) => s.heading === SECTION_HEADINGS[key]);
    return section ? unescapeHeadings(section.content.trim()) : "";
  };
  let context = find("context");
  if (models.length) {
    const line = modelsLine(models);
    if (context === line) context = "";
    else if (context.endsWith("\n\n" + line)) context = context.slice(0, -line.length).trim();
  }
  const outcome = find("outcome");
  const loop: Loop = {
    id: id.trim().toUpperCase(),
    status: fm.status,
    title: text(fm.title) ?? "",
    captured: text(fm.captured) ?? "",
    models,
    context,
    question: find("question"),
    outcome: outcome === OUTCOME_PLACEHOLDER ? "" : outcome,
    path,
  };
  const session = text(fm.session);
  if (session !== undefined) loop.session = linkTarget(session);
  const ticktickId = text(fm.ticktick_id);
  if (ticktickId !== undefined) loop.ticktickId = ticktickId;
  const closed = text(fm.closed);
  if (closed !== undefined) loop.closed = closed;
  const clarified = text(fm.clarified);
  if (clarified !== undefined) loop.clarified = clarified;
  const due = text(fm.due);
  if (due !== undefined) loop.due = due;
  if (isLoopPriority(fm.priority)) loop.priority = fm.priority;
  const ticktickList = text(fm.ticktick_list);
  if (ticktickList !== undefined) loop.ticktickList = ticktickList;
  const clarifiedSection = sections.find((s) => s.heading === SECTION_HEADINGS.clarification);
  if (clarifiedSection) loop.clarification = unescapeHeadings(clarifiedSection.content.trim());
  const rejected = text(fm.rejected);
  if (rejected !== undefined) loop.rejected = rejected;
  return loop;
}

const FRONTMATTER_KEYS: Partial<Record<keyof LoopPatch, string>> = {
  status: "status",
  title: "title",
  ticktickId: "ticktick_id",
  closed: "closed",
  clarified: "clarified",
  rejected: "rejected",
  session: "session",
  due: "due",
  priority: "priority",
  ticktickList: "ticktick_list",
};

/**
 * Applies a patch to a loop note's text, keeping everything the format does not own: extra
 * frontmatter keys, text before the first section, sections a user added. Pure, so callers run it
 * inside vault.process (no read-modify-write across an await).
 */
export function applyLoopPatch(noteText: string, patch: LoopPatch, path: string): string {
  const current = parseLoopNote(noteText, path);
  if (Object.keys(patch).length === 0) return noteText;
  const next: Loop = { ...current, ...patch, path };
  for (const key of Object.keys(patch) as (keyof LoopPatch)[]) {
    if (patch[key] === undefined && key in patch) delete (next as unknown as Record<string, unknown>)[key];
  }
  const rendered = loopFrontmatter(next);
  const fmPatch: FrontmatterPatch = {};
  for (const [field, key] of Object.entries(FRONTMATTER_KEYS) as [keyof LoopPatch, string][])
    if (field in patch) fmPatch[key] = rendered[key];
  if ("models" in patch) fmPatch.models = rendered.models;
  // Frontmatter edited in place: the user's keys and YAML comments stay.
  const withFrontmatter = patchFrontmatter(noteText, fmPatch, path);
  const touched: SectionKey[] = [];
  if ("context" in patch || "models" in patch) touched.push("context");
  if ("question" in patch) touched.push("question");
  if ("outcome" in patch) touched.push("outcome");
  if ("clarification" in patch && next.clarification !== undefined) touched.push("clarification");
  if (touched.length === 0) return withFrontmatter;
  const block = splitFrontmatter(withFrontmatter);
  const sections = splitSections(block ? block.body : withFrontmatter);
  for (const key of touched) {
    const content = sectionText(key, next) + "\n";
    const section = sections.find((s) => s.heading === SECTION_HEADINGS[key]);
    const trailing = section && /\n\s*\n$/.test(section.content) ? "\n" : "";
    if (section) section.content = content + trailing;
    else appendSection(sections, { heading: SECTION_HEADINGS[key], content });
  }
  return (block ? block.head + block.yaml + block.tail : "") + joinSections(sections);
}
