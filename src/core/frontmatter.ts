// The one place YAML frontmatter is parsed and written: gray-matter splits the note, the yaml package
// (YAML 1.2 core schema) reads it, so timestamps and dates stay strings exactly as the user typed them.

import matter from "gray-matter";
import {
  isNode,
  isScalar,
  isSeq,
  parse as parseYaml,
  parseDocument,
  stringify as stringifyYaml,
  YAMLParseError,
  type Document,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { UserError } from "./errors";
import { fastYaml } from "./yaml-fast";
import { fastReadYaml } from "./yaml-fast-read";

export type Frontmatter = Record<string, unknown>;

export interface ParsedNote {
  frontmatter: Frontmatter;
  body: string;
  /** True when the note starts with a `---` block. */
  hasFrontmatter: boolean;
}

const engines = {
  yaml: {
    // The frontmatter decp writes (every model note) takes the fast reader; the rest goes to yaml.
    parse: (text: string): object =>
      fastReadYaml(text) ?? (parseYaml(text, { schema: "core", uniqueKeys: true }) as object | null) ?? {},
    stringify: (data: object): string => dumpYaml(data as Frontmatter),
  },
};

const STRINGIFY_OPTIONS = {
  lineWidth: 0,
  defaultStringType: "PLAIN",
  defaultKeyType: "PLAIN",
  aliasDuplicateObjects: false,
} as const;

export function dumpYaml(data: Frontmatter): string {
  return fastYaml(data) ?? stringifyYaml(data, { schema: "core", ...STRINGIFY_OPTIONS });
}

/**
 * Splits a note into frontmatter and body. Broken YAML raises a UserError naming the file and the
 * line in the note.
 */
export function parseNote(text: string, file?: string): ParsedNote {
  const hasFrontmatter = /^---\r?\n/.test(text);
  if (!hasFrontmatter) return { frontmatter: {}, body: text, hasFrontmatter };
  try {
    // Passing options also turns off gray-matter's unbounded cache keyed by note text.
    const parsed = splitNoteFast(text) ?? matter(text, { engines });
    const data = parsed.data;
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new UserError(
        "Frontmatter is not a list of key: value pairs",
        { file, line: 2 },
        "Fix the YAML between the --- lines",
      );
    }
    return { frontmatter: data as Frontmatter, body: parsed.content, hasFrontmatter };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const position = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const reason = (error as Error).message.split("\n")[0];
    throw new UserError(
      `Malformed frontmatter: ${reason}`,
      // gray-matter hands yaml the text from the newline after the opening ---, so its line numbers are the note's.
      { file, line: position?.line, column: position?.col },
      "Fix the YAML between the --- lines",
    );
  }
}

/**
 * gray-matter's split for the common case, a note opening with "---\n", without its per-note Buffer
 * copy of the text (a first CLI call splits thousands of model notes): the block up to the first
 * "\n---", the body after it, a block of comments alone read as empty. Other openings (CRLF, a BOM,
 * "---yaml") go to gray-matter; test/core/frontmatter-split.test.ts holds the two equal.
 */
export function splitNoteFast(
  text: string,
  parse: (block: string) => unknown = engines.yaml.parse,
): { data: unknown; content: string } | null {
  if (!text.startsWith("---\n")) return null;
  const rest = text.slice(3);
  const close = rest.indexOf("\n---");
  const block = close < 0 ? rest : rest.slice(0, close);
  let content = close < 0 ? "" : rest.slice(close + 4);
  if (content.startsWith("\r")) content = content.slice(1);
  if (content.startsWith("\n")) content = content.slice(1);
  const empty = block.replace(/^\s*#[^\n]+/gm, "").trim() === "";
  return { data: empty ? {} : (parse(block) ?? {}), content };
}

/** Writes frontmatter and body back into one note; no block when the frontmatter is empty. */
export function stringifyNote(frontmatter: Frontmatter, body: string): string {
  if (Object.keys(frontmatter).length === 0) return body;
  return `---\n${dumpYaml(frontmatter)}---\n${body}`;
}

/**
 * Parses a whole YAML document (dbt_project.yml, schema files) with the same schema as frontmatter;
 * broken YAML raises a UserError with the file, line and column.
 */
export function parseYamlDocument(text: string, file?: string): unknown {
  try {
    return parseYaml(text, { schema: "core", uniqueKeys: false }) as unknown;
  } catch (error) {
    const position = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    throw new UserError(
      `Malformed YAML: ${(error as Error).message.split("\n")[0]}`,
      { file, line: position?.line, column: position?.col },
      "Fix the YAML file",
    );
  }
}

/** The text edit behind every processFrontMatter: `edit` mutates the data; only the keys it changed are written back. */
export function editFrontmatter(text: string, edit: (frontmatter: Frontmatter) => void, file?: string): string {
  const before = parseNote(text, file).frontmatter;
  const after = structuredClone(before);
  edit(after);
  const patch: FrontmatterPatch = {};
  for (const key of Object.keys(before)) if (!(key in after)) patch[key] = undefined;
  for (const [key, value] of Object.entries(after)) if (!sameValue(before[key], value)) patch[key] = value;
  return patchFrontmatter(text, patch, file);
}

/** Keys to set (a value) or remove (undefined). */
export type FrontmatterPatch = Record<string, unknown>;

/**
 * Sets and removes frontmatter keys (a patch, or a function of the current frontmatter that returns
 * one, so the note is read once) and keeps everything else as the user wrote it: other keys,
 * their order and formatting, and YAML comments (edited in place through yaml's Document API). A
 * patch that changes nothing returns the text as it was. Frontmatter decp wrote itself (no `#`,
 * read back by the fast reader) takes a plain object round trip, which is byte-identical there.
 */
export function patchFrontmatter(
  text: string,
  patchOrPlan: FrontmatterPatch | ((current: Frontmatter) => FrontmatterPatch),
  file?: string,
): string {
  const plan = typeof patchOrPlan === "function" ? patchOrPlan : () => patchOrPlan;
  const block = splitFrontmatter(text);
  if (block === null) {
    const added = Object.fromEntries(Object.entries(plan({})).filter(([, v]) => v !== undefined));
    return stringifyNote(added, text);
  }
  if (!block.yaml.includes("#")) {
    const data = fastReadYaml(block.yaml);
    if (data !== null && typeof data === "object" && !Array.isArray(data)) {
      const patch = plan(data);
      let changed = false;
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined ? !(key in data) : sameValue(data[key], value)) continue;
        if (value === undefined) delete data[key];
        else data[key] = value;
        changed = true;
      }
      if (!changed) return text;
      return block.head + (Object.keys(data).length ? dumpYaml(data) : "") + block.tail + block.body;
    }
  }
  const doc = parseDocument(block.yaml, { schema: "core", uniqueKeys: true });
  if (doc.errors.length > 0) {
    const position = doc.errors[0].linePos?.[0];
    throw new UserError(
      `Malformed frontmatter: ${doc.errors[0].message.split("\n")[0]}`,
      // The block starts on the note's second line.
      { file, line: position ? position.line + 1 : undefined, column: position?.col },
      "Fix the YAML between the --- lines",
    );
  }
  if (doc.contents === null) doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  if (!isMapNode(doc.contents))
    throw new UserError(
      "Frontmatter is not a list of key: value pairs",
      { file, line: 2 },
      "Fix the YAML between the --- lines",
    );
  const patch = plan(doc.toJS() as Frontmatter);
  let changed = false;
  for (const [key, value] of Object.entries(patch)) {
    const current = doc.get(key, true) as Node | undefined;
    if (value === undefined) {
      if (!doc.has(key)) continue;
      deletePair(doc, doc.contents, key);
    } else if (current !== undefined && sameValue(current.toJSON(), value)) continue;
    else if (isScalar(current) && (value === null || typeof value !== "object")) current.value = value;
    else {
      const node = isSeq(current) && Array.isArray(value) ? reusedItems(doc, current, value) : doc.createNode(value);
      if (current) Object.assign(node, { comment: current.comment, commentBefore: current.commentBefore });
      doc.set(key, node);
    }
    changed = true;
  }
  if (!changed) return text;
  const yaml = doc.contents.items.length || doc.commentBefore || doc.comment ? doc.toString(STRINGIFY_OPTIONS) : "";
  return block.head + yaml + block.tail + block.body;
}

export interface FrontmatterBlock {
  /** The opening `---` line, the YAML between, the closing `---` line, the rest of the note. */
  head: string;
  yaml: string;
  tail: string;
  body: string;
}

/** The frontmatter block as gray-matter finds it: `---` on the first line, up to the next `---` line. */
export function splitFrontmatter(text: string): FrontmatterBlock | null {
  const open = /^---[ \t]*\r?\n/.exec(text);
  if (!open) return null;
  const close = /^---[ \t]*(\r?\n|$)/m;
  let at = open[0].length;
  while (at <= text.length) {
    const rest = text.slice(at);
    const m = close.exec(rest);
    if (!m) return null;
    // The match must start a line of the original text.
    const start = at + m.index;
    if (start === open[0].length || text[start - 1] === "\n") {
      return {
        head: open[0],
        yaml: text.slice(open[0].length, start),
        tail: m[0],
        body: text.slice(start + m[0].length),
      };
    }
    at = start + 1;
  }
  return null;
}

/** A new list whose items reuse the old list's nodes where the value is the same, so their comments stay. */
function reusedItems(doc: Document, current: YAMLSeq, values: unknown[]): Node {
  const unused = [...current.items];
  const seq = doc.createNode([]) as YAMLSeq;
  for (const value of values) {
    const at = unused.findIndex((item) => sameValue(isNode(item) ? item.toJSON() : item, value));
    seq.items.push(at >= 0 ? unused.splice(at, 1)[0] : doc.createNode(value));
  }
  return seq;
}

/** Removes a key; a comment above it is the user's text, so it moves to the next key (or the end). */
function deletePair(doc: Document, map: YAMLMap, key: string): void {
  const at = map.items.findIndex((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === key);
  const comment = at >= 0 && isNode(map.items[at].key) ? (map.items[at].key as Node).commentBefore : undefined;
  doc.delete(key);
  if (!comment) return;
  const next = map.items[at]?.key;
  if (isNode(next)) next.commentBefore = next.commentBefore ? `${comment}\n${next.commentBefore}` : comment;
  else doc.comment = doc.comment ? `${comment}\n${doc.comment}` : comment;
}

function isMapNode(node: unknown): node is YAMLMap {
  return typeof node === "object" && node !== null && Array.isArray((node as { items?: unknown }).items);
}

/** Deep equality of parsed YAML values (plain data: scalars, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
