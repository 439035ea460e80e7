// The two forms a note can take in a pack: full (optionally without teaching comments or
// frontmatter) and compact (frontmatter, description and columns; no SQL, no diagrams).

export type NoteForm = "full" | "compact";

export interface FormOptions {
  /** stripTeachingComments from the templates area, when the setting asks for it. */
  stripComments?: (text: string) => string;
  stripFrontmatter?: boolean;
}

import { dumpYaml, parseNote } from "../frontmatter";

/** Lists longer than this are cut in compact frontmatter (a model with 40 children). */
const COMPACT_LIST = 5;
const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const FENCE = /^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1\2[`~]*[ \t]*(?=\n|$)|$)/gm;
const COMPACT_SECTIONS = /^(description|columns)\b/i;

function splitFrontmatter(text: string): { frontmatter: string; body: string } {
  const match = FRONTMATTER.exec(text);
  return match ? { frontmatter: match[0], body: text.slice(match[0].length) } : { frontmatter: "", body: text };
}

export function fullForm(text: string, options: FormOptions): string {
  let out = options.stripComments ? options.stripComments(text) : text;
  if (options.stripFrontmatter) out = splitFrontmatter(out).body;
  return out;
}

/**
 * Frontmatter, the Description and Columns sections (or the first paragraph when there are none),
 * without code blocks or teaching comments.
 */
export function compactForm(text: string, options: FormOptions): string {
  const { frontmatter, body } = splitFrontmatter(text.replace(/\r\n/g, "\n"));
  let rest = (options.stripComments ? options.stripComments(body) : body).replace(FENCE, "").replace(/%%[^\n]*?%%/g, "");
  const lines = rest.split("\n");
  const kept: string[] = [];
  let keep = false;
  let sawSection = false;
  for (const line of lines) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      keep = COMPACT_SECTIONS.test(heading[2].trim());
      sawSection ||= keep;
    }
    if (keep) kept.push(line);
  }
  if (sawSection) rest = kept.join("\n");
  else {
    const paragraphs = rest.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p && !/^#{1,6}\s/.test(p));
    rest = paragraphs[0] ?? "";
  }
  const compactBody = rest.replace(/\n{3,}/g, "\n\n").trim();
  return `${compactFrontmatter(frontmatter)}${compactBody}${compactBody ? "\n" : ""}`;
}

function compactFrontmatter(block: string): string {
  if (!block) return "";
  try {
    const { frontmatter } = parseNote(block);
    let cut = false;
    for (const [key, value] of Object.entries(frontmatter)) {
      if (Array.isArray(value) && value.length > COMPACT_LIST) {
        frontmatter[key] = [...(value as unknown[]).slice(0, COMPACT_LIST), `... ${value.length - COMPACT_LIST} more`];
        cut = true;
      }
    }
    return cut ? `---\n${dumpYaml(frontmatter)}---\n` : block;
  } catch {
    return block;
  }
}

/** A fence longer than any backtick run in the text, so a note's own code blocks stay inside. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}
