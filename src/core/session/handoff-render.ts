// How session notes write the untrusted text they quote (an agent's handoff fields, loop titles,
// model names, record fields): one line each, so no value can open a code fence, start a heading or
// an Obsidian comment and make a section seem to run on. Also the handoff section itself.

import { DateTime } from "luxon";
import { formatTokens } from "../context";
import type { Loop } from "../loops";
import { stripTeachingComments } from "../templates";
import { basename } from "../vault";
import { aliasedWikilink, wikilink } from "../wikilinks";
import type { ContextDecision } from "./context-records";

/** Longest single-line field kept whole; a longer one is cut with an ellipsis. */
export const MAX_FIELD_LENGTH = 2000;

/**
 * Untrusted text as one line: line breaks and control or bidi-override characters become spaces,
 * `%%` (an Obsidian comment) and `<!--` (an HTML comment) are defused, runs of space collapse.
 * A value on one line cannot start a fence or a heading, since it never begins a line of its own.
 */
export function singleLine(text: string, max = MAX_FIELD_LENGTH): string {
  const flat = [...text]
    .map((c) => (breaksLine(c.codePointAt(0)!) ? " " : c))
    .join("")
    .replace(/%{2,}/g, "%")
    .replace(/<!--/g, "<!-")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

/** Control characters (line breaks among them), Unicode line and paragraph separators, bidi overrides. */
function breaksLine(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** A link target from untrusted text: one line, no brackets or pipe (they would end the link early), no ".md". */
export function safeLinkTarget(text: string): string {
  return singleLine(text)
    .replace(/^\[\[|\]\]$/g, "")
    .replace(/[[\]|]/g, "")
    .replace(/\.md$/, "")
    .trim();
}

/** A link that resolves whether given a note name or a vault path. */
export function noteLink(pathOrName: string, alias?: string): string {
  const target = safeLinkTarget(pathOrName);
  const shown = alias === undefined ? "" : safeLinkTarget(alias);
  return aliasedWikilink(target, shown);
}

export function loopLine(loop: Loop): string {
  const models = loop.models.length ? `; ${loop.models.map((m) => wikilink(safeLinkTarget(m))).join(", ")}` : "";
  return `- ${noteLink(loop.path, loop.id)} ${singleLine(loop.title)} (${loop.status}${models})`;
}

export function contextLine(record: ContextDecision): string {
  const focus = record.focus ? `focus ${singleLine(record.focus)}, ` : "";
  const phase = record.phase ? ` (${singleLine(record.phase)})` : "";
  return `${noteLink(record.path, basename(record.path))}: ${focus}${formatTokens(record.used)} / ${formatTokens(record.budget)} tokens${phase}`;
}

/** Loop text as one line for packs and generated notes: teaching comments (%% ... %%) left out. */
export function prose(text: string): string {
  return singleLine(stripTeachingComments(text), Number.POSITIVE_INFINITY);
}

/** One line ending in exactly one full stop, so "Done." does not become "Done..". */
function sentence(text: string, fallback: string): string {
  const line = singleLine(text) || fallback;
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

export interface HandoffInput {
  stoppedAt: string;
  nextAction: string;
  /** Extra notes to read first (names or paths); open loops' models and the context record are added. */
  reading?: string[];
}

export function resumePrompt(date: string, input: HandoffInput, loops: Loop[], reading: string[]): string {
  const loopText = loops.length ? loops.map((l) => `${l.id} ${singleLine(l.title)} (${l.status})`).join("; ") : "none";
  return [
    `We are resuming our data engineering session of ${date}. Follow the decp protocol (BOOTLOADER in the protocol folder).`,
    `Stopped at: ${sentence(input.stoppedAt, "(not recorded)")}`,
    `Next action: ${sentence(input.nextAction, "(not recorded)")}`,
    `Open loops: ${loopText}.`,
    `Read first: ${reading.length ? reading.join(", ") : "nothing extra"}.`,
    "Before acting, restate the next action and the loop it serves. Propose new open questions as <loop> blocks (they stay proposed until I approve them).",
  ].join("\n");
}

/** The stamp that opens every handoff decp writes; the reader leaves it out when comparing handoffs. */
export const HANDOFF_STAMP = /^%% Written by decp on [^\n]*%%$/;

/** The body of a handoff section (the lines under its heading), bullet form. */
export function renderHandoffSection(
  date: string,
  now: DateTime,
  input: HandoffInput,
  loops: Loop[],
  record: ContextDecision | undefined,
): string {
  const targets = [
    ...new Set(
      [
        ...(input.reading ?? []).map(safeLinkTarget),
        ...loops.flatMap((l) => l.models.map(safeLinkTarget)),
        ...(record ? [safeLinkTarget(record.path)] : []),
      ].filter((t) => t !== ""),
    ),
  ];
  const links = targets.map((t) =>
    record && t === safeLinkTarget(record.path) ? noteLink(t, basename(record.path)) : noteLink(t),
  );
  return [
    `%% Written by decp on ${now.toFormat("yyyy-MM-dd HH:mm")}. A later handoff is added below this one; decp never edits or removes it. %%`,
    `- **Stopped at:** ${singleLine(input.stoppedAt)}`,
    `- **Next action:** ${singleLine(input.nextAction)}`,
    "",
    "### Required reading",
    ...(links.length ? links.map((r) => `- ${r}`) : ["- Nothing extra"]),
    "",
    "### Open loops",
    ...(loops.length ? loops.map(loopLine) : ["- None"]),
    "",
    "### Context record",
    `- ${record ? contextLine(record) : "No context record yet"}`,
    "",
    "### Resume prompt",
    "```text",
    resumePrompt(date, input, loops, targets),
    "```",
  ].join("\n");
}
