// decp's managed region in a Markdown file an agent reads (CLAUDE.md, a Cursor rule, a slash command):
// the same rule as the model notes' `%% decp:begin %%` region, written with HTML comments because the
// agent reads the raw file. Only the region is rewritten; everything outside it belongs to the user.

import { UserError } from "../errors";
import { parseNote, stringifyNote, type Frontmatter } from "../frontmatter";

export const AGENT_REGION_BEGIN =
  "<!-- decp:begin (written by decp agent-setup; edits inside this block are replaced) -->";
export const AGENT_REGION_END = "<!-- decp:end -->";

const isBegin = (line: string): boolean => line.trim().startsWith("<!-- decp:begin");
const isEnd = (line: string): boolean => line.trim().startsWith("<!-- decp:end");

/**
 * The file with `body` as decp's region: in place when the region exists, appended after the user's
 * text when it does not, and preceded by `frontmatter` when the file is new. A region whose markers are
 * broken (no end, two begins) is a UserError naming the line: nothing is guessed.
 */
export function upsertManagedRegion(
  existing: string | undefined,
  body: string,
  file: string,
  frontmatter: Frontmatter = {},
): string {
  const eol = existing?.includes("\r\n") ? "\r\n" : "\n";
  const region = [AGENT_REGION_BEGIN, ...body.replace(/\s+$/, "").split(/\r?\n/), AGENT_REGION_END];
  if (existing === undefined) return stringifyNote(frontmatter, region.join("\n") + "\n");

  const lines = existing.split(/\r?\n/);
  const begins = lines.flatMap((line, i) => (isBegin(line) ? [i] : []));
  const ends = lines.flatMap((line, i) => (isEnd(line) ? [i] : []));
  const hint = `Keep one ${AGENT_REGION_BEGIN.slice(0, 16)} ... ${AGENT_REGION_END} block (or delete both markers) and run again; nothing was written`;
  if (begins.length > 1 || ends.length > 1) {
    throw new UserError("decp's managed block appears twice", { file, line: (begins[1] ?? ends[1]) + 1 }, hint);
  }
  if (begins.length !== ends.length || (begins.length === 1 && ends[0] < begins[0])) {
    const line = (begins[0] ?? ends[0]) + 1;
    throw new UserError(
      "decp's managed block has a begin marker without its end (or the other way round)",
      { file, line },
      hint,
    );
  }
  if (begins.length === 0) {
    const kept = existing.replace(/\s+$/, "");
    return (kept === "" ? "" : kept + eol + eol) + region.join(eol) + eol;
  }
  return [...lines.slice(0, begins[0]), ...region, ...lines.slice(ends[0] + 1)].join(eol);
}

/** A Markdown source with frontmatter (a slash command) split into the two parts upsertManagedRegion takes. */
export function splitCommandSource(text: string, file: string): { frontmatter: Frontmatter; body: string } {
  const note = parseNote(text, file);
  return { frontmatter: note.frontmatter, body: note.body.replace(/^\s+/, "") };
}
