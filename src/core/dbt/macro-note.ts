// The macro note format (owned here): one note per macro of the project's own, so a model card can
// show the body of a macro its SQL calls. Same managed region and re-import rules as model notes.

import type { Frontmatter } from "../frontmatter";
import { linkedNoteName, wikilink } from "../wikilinks";
import { neutraliseMarkers, REGION_BEGIN, REGION_END, sqlSection, SQL_HEADING } from "./model-note";
import { noteSections, sqlOf } from "./model-note-read";
import type { MacroInfo } from "./project";

export const MACRO_OWNED_KEYS = [
  "type",
  "unique_id",
  "resource_type",
  "name",
  "package",
  "path",
  "arguments",
  "description",
  "macros",
] as const;

export interface MacroLinks {
  /** Note basenames of the project macros it calls, and of the notes (models, macros) that call it. */
  calls: string[];
  calledBy: string[];
}

export function macroFrontmatter(macro: MacroInfo, links: MacroLinks): Frontmatter {
  const fm: Frontmatter = {
    type: "macro",
    unique_id: macro.uniqueId,
    resource_type: "macro",
    name: macro.name,
    package: macro.packageName,
    path: macro.path,
    arguments: [...macro.arguments],
  };
  if (macro.description) fm.description = macro.description;
  if (links.calls.length > 0) fm.macros = links.calls.map(wikilink);
  return fm;
}

export function macroRegion(macro: MacroInfo, noteName: string, links: MacroLinks): string {
  const out = [REGION_BEGIN, `# ${noteName}`, "", `> macro · \`${macro.path}\``, ""];
  if (macro.description) out.push(macro.description.trim(), "");
  const list = (names: string[]) => (names.length === 0 ? ["(none)"] : names.map((n) => `- ${wikilink(n)}`));
  out.push("## Calls", "", ...list(links.calls), "", "## Called by", "", ...list(links.calledBy), "");
  if (macro.sql.trim()) out.push(...sqlSection(SQL_HEADING, macro.sql.trim()));
  return [REGION_BEGIN, neutraliseMarkers(out.slice(1).join("\n")), REGION_END].join("\n");
}

/** What a model card shows of a macro, read back from its note. */
export interface MacroFacts {
  name: string;
  path: string;
  arguments: string[];
  description: string;
  sql: string;
  /** Note basenames of the project macros it calls. */
  calls: string[];
}

export function readMacroNote(frontmatter: Frontmatter, body: string, noteName: string): MacroFacts | null {
  if (frontmatter.type !== "macro") return null;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    name: text(frontmatter.name) || noteName,
    path: text(frontmatter.path),
    arguments: Array.isArray(frontmatter.arguments) ? frontmatter.arguments.map(String) : [],
    description: text(frontmatter.description),
    sql: sqlOf(noteSections(body).get(SQL_HEADING.toLowerCase())) ?? "",
    calls: Array.isArray(frontmatter.macros) ? frontmatter.macros.map(linkedNoteName) : [],
  };
}
