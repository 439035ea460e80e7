// The two forms a note can take in a pack: full (optionally without teaching comments or
// frontmatter) and compact (frontmatter, description, columns and tests; no SQL, no diagrams).

export type NoteForm = "full" | "compact";

export interface FormOptions {
  /** stripTeachingComments from the templates area, when the setting asks for it. */
  stripComments?: (text: string) => string;
  stripFrontmatter?: boolean;
}

import { dumpYaml, parseNote, type Frontmatter } from "../frontmatter";

// What a data engineer needs from a model they are not editing: what it is (description), its grain
// (the key its unique / not_null tests pin), its columns, and what it reads (direct parents). Its
// consumers matter as a count and a sample: dim_customers has 2,250 children, listing them all would
// crowd out every note the copilot actually needs.
/** Lists longer than this are cut in compact frontmatter (a model with 40 children). */
const COMPACT_LIST = 5;
/** Direct parents are read before anything else, so more of them stay. */
const COMPACT_LIST_BY_KEY: Record<string, number> = { upstream: 20 };
const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const FENCE = /^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1\2[`~]*[ \t]*(?=\n|$)|$)/gm;
const COMPACT_SECTIONS = /^(description|columns|tests)\b/i;
/** Paragraphs kept before the first section heading: a title line counts as one. */
const PREAMBLE_PARAGRAPHS = 3;

function splitFrontmatter(text: string): { frontmatter: string; body: string } {
  const match = FRONTMATTER.exec(text);
  return match ? { frontmatter: match[0], body: text.slice(match[0].length) } : { frontmatter: "", body: text };
}

// A model's consumers are the pack's own children, ranked there; the list of which of them reads
// each column (a model note's "Column readers") is for the person browsing the vault.
const COLUMN_READERS = /^## Column readers\n[\s\S]*?(?=^#{1,2} |^%% decp:end %%|(?![\s\S]))/m;

export function fullForm(text: string, options: FormOptions): string {
  let out = options.stripComments ? options.stripComments(text) : text;
  if (options.stripFrontmatter) out = splitFrontmatter(out).body;
  return out.replace(COLUMN_READERS, "");
}

/**
 * Frontmatter (long lists cut), the title and opening paragraphs (a model note's description), and
 * the Description, Columns and Tests sections; no code blocks, no diagrams, no teaching comments.
 */
export function compactForm(text: string, options: FormOptions, parsed?: Frontmatter): string {
  const { frontmatter, body } = splitFrontmatter(text.replace(/\r\n/g, "\n"));
  const rest = (options.stripComments ? options.stripComments(body) : body)
    .replace(FENCE, "")
    .replace(/%%[^\n]*?%%/g, "");
  const kept: string[] = [];
  let section: "preamble" | "keep" | "drop" = "preamble";
  let paragraphs = 0;
  for (const line of rest.split("\n")) {
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading && heading[1].length === 1 && section === "preamble") {
      kept.push(line);
      continue;
    }
    if (heading) section = COMPACT_SECTIONS.test(heading[2].trim()) ? "keep" : "drop";
    if (section === "preamble") {
      if (line.trim() === "" && kept.length > 0 && kept[kept.length - 1].trim() !== "") paragraphs++;
      if (paragraphs < PREAMBLE_PARAGRAPHS || line.trim() === "") kept.push(line);
    } else if (section === "keep") kept.push(line);
  }
  const compactBody = kept
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return `${compactFrontmatter(frontmatter, parsed)}${compactBody}${compactBody ? "\n" : ""}`;
}

/** `parsed`: the note's frontmatter as already parsed (the note graph has it), so the YAML is not read twice. */
function compactFrontmatter(block: string, parsed?: Frontmatter): string {
  if (!block) return "";
  try {
    const frontmatter = parsed ? { ...parsed } : parseNote(block).frontmatter;
    let cut = false;
    for (const [key, value] of Object.entries(frontmatter)) {
      // Nested settings (a dbt config block) are detail; the compact form keeps facts and links. The
      // columns a model reads are in its body's "Columns read" section, grouped by parent.
      if (key === "columns_read") {
        delete frontmatter[key];
        cut = true;
      } else if (value && typeof value === "object" && !Array.isArray(value)) {
        delete frontmatter[key];
        cut = true;
      } else if (Array.isArray(value) && value.length > (COMPACT_LIST_BY_KEY[key] ?? COMPACT_LIST)) {
        const keep = COMPACT_LIST_BY_KEY[key] ?? COMPACT_LIST;
        frontmatter[key] = [
          ...(value as unknown[]).slice(0, keep),
          `... ${thousands(value.length - keep)} more of ${thousands(value.length)}`,
        ];
        cut = true;
      }
    }
    return cut ? `---\n${dumpYaml(frontmatter)}---\n` : block;
  } catch {
    return block;
  }
}

function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

/** A fence longer than any backtick run in the text, so a note's own code blocks stay inside. */
export function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}
