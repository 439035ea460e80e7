// The model note format (owned here): frontmatter keys the importer owns, and the managed body region
// between `%% decp:begin %%` and `%% decp:end %%`. Everything else in a note belongs to the user.

import type { Frontmatter } from "../frontmatter";
import { wikilink } from "../wikilinks";
import { isLineageResourceType, type ConfigValue, type LineageNode } from "./graph";
import { columnFrontmatter, columnSections, columnsFromFrontmatter, type ColumnNoteData } from "./model-note-columns";
import type { NodeDetail, TestInfo } from "./project";

export const REGION_BEGIN = "%% decp:begin %%";
export const REGION_END = "%% decp:end %%";

/**
 * The version of the rendered note. Bump it with any change to what the import writes: a re-import
 * trusts the notes the last import left (src/core/dbt/import-state.ts) only when this is unchanged.
 * test/core/dbt/model-note-format.test.ts fails when the rendering changes and this does not.
 */
export const MODEL_NOTE_FORMAT = 2;

/**
 * Frontmatter keys an import writes; on re-import these are replaced, every other key stays. Two
 * keys are shared with the user and merged instead (see ownedPatch): `tags` (dbt's tags, kept in
 * `dbt_tags`, plus the user's) and `status` (the import only sets and clears `removed`).
 */
export const OWNED_KEYS = [
  "type",
  "unique_id",
  "resource_type",
  "name",
  "package",
  "path",
  "materialized",
  "relation",
  "version",
  "source_name",
  "tags",
  "fqn",
  "config",
  "description",
  "upstream",
  "downstream",
  "exposures",
  "macros",
  "dbt_tags",
  // Column usage (model-note-columns.ts).
  "columns_read",
  "column_sources",
  "column_usage_unknown",
] as const;

/** What `status: removed` replaced, put back when the node returns. */
const STATUS_BEFORE_REMOVED = "status_before_removed";

const MERMAID_LIMIT = 25;

export interface NoteLinks {
  /** Note basenames of the node's parents and children, sorted. */
  upstream: string[];
  downstream: string[];
  /** Note basenames of the project's own macros the node calls. */
  macros: string[];
}

export function modelFrontmatter(detail: NodeDetail, links: NoteLinks, columns?: ColumnNoteData): Frontmatter {
  const n = detail.node;
  const fm: Frontmatter = {
    type: n.resourceType,
    unique_id: n.uniqueId,
    resource_type: n.resourceType,
    name: n.name,
    package: n.packageName,
    path: n.path,
  };
  if (detail.materialized) fm.materialized = detail.materialized;
  if (detail.relation) fm.relation = detail.relation.join(".");
  if (n.version !== undefined) fm.version = n.version;
  if (n.sourceName !== undefined) fm.source_name = n.sourceName;
  fm.tags = [...n.tags];
  if (n.tags.length > 0) fm.dbt_tags = [...n.tags];
  fm.fqn = [...n.fqn];
  fm.config = n.config;
  if (n.description) fm.description = n.description;
  fm.upstream = links.upstream.map(wikilink);
  fm.downstream = links.downstream.map(wikilink);
  // Only when there are some: most models have no exposure and call no macro of the project.
  if (detail.exposures.length > 0) fm.exposures = [...detail.exposures];
  if (links.macros.length > 0) fm.macros = links.macros.map(wikilink);
  return { ...fm, ...columnFrontmatter(columns?.usage) };
}

export function managedRegion(
  detail: NodeDetail,
  noteName: string,
  links: NoteLinks,
  columns?: ColumnNoteData,
): string {
  const n = detail.node;
  const out: string[] = [REGION_BEGIN, `# ${noteName}`, ""];
  const relation = detail.relation?.join(".");
  const facts = [n.resourceType, detail.materialized, relation && `\`${relation}\``, `\`${n.path}\``]
    .filter(Boolean)
    .join(" · ");
  out.push(`> ${facts}`, "");
  if (n.description) out.push(n.description.trim(), "");
  if (detail.columns.length > 0) {
    // The Type column only when the project declares data types (most do not).
    const typed = detail.columns.some((c) => c.dataType !== "");
    out.push(
      "## Columns",
      "",
      typed ? "| Column | Type | Description |" : "| Column | Description |",
      typed ? "| --- | --- | --- |" : "| --- | --- |",
    );
    for (const c of detail.columns)
      out.push(
        typed
          ? `| ${cell(c.name)} | ${cell(c.dataType)} | ${cell(c.description)} |`
          : `| ${cell(c.name)} | ${cell(c.description)} |`,
      );
    out.push("");
  }
  if (columns) out.push(...columnSections(columns));
  out.push("## Upstream", "", ...linkList(links.upstream), "", "## Downstream", "", ...linkList(links.downstream), "");
  if (detail.exposures.length > 0) out.push("## Exposures", "", ...detail.exposures.map((e) => `- ${e}`), "");
  if (links.macros.length > 0) out.push("## Macros", "", ...linkList(links.macros), "");
  out.push("## Lineage", "", ...mermaid(noteName, links), "");
  if (detail.tests.length > 0) out.push("## Tests", "", ...detail.tests.map(testLine), "");
  const raw = detail.sql?.raw && trimSql(detail.sql.raw);
  const compiled = detail.sql?.compiled && trimSql(detail.sql.compiled);
  if (raw) out.push(...sqlSection(SQL_HEADING, raw));
  // Compiled SQL only says something new when Jinja changed the text.
  if (compiled && compiled !== raw) out.push(...sqlSection(COMPILED_SQL_HEADING, compiled));
  return [REGION_BEGIN, neutraliseMarkers(out.slice(1).join("\n")), REGION_END].join("\n");
}

export const SQL_HEADING = "SQL";
export const COMPILED_SQL_HEADING = "Compiled SQL";

/** `- \`unique\` on \`customer_id\` (unique_customers_customer_id)`; arguments after a colon. */
export function testLine(t: TestInfo): string {
  const columns = t.columns ?? (t.column ? [t.column] : []);
  const on = columns.length > 0 ? ` on ${columns.map((c) => `\`${c}\``).join(", ")}` : "";
  return `- \`${t.kind}\`${on}${t.detail ? `: ${t.detail}` : ""} (${t.name})`;
}

function trimSql(sql: string): string {
  // trimEnd takes the same white space as /\s+$/, without the regex's rescans over long SQL.
  return sql.replace(/^\s*\n/, "").trimEnd();
}

export function sqlSection(heading: string, code: string): string[] {
  return [`## ${heading}`, "", `${fenceFor(code)}sql`, code, fenceFor(code), ""];
}

/** A fresh note: frontmatter, the managed region, and room for the user's own notes. */
export function renderModelBody(region: string): string {
  return `${region}\n`;
}

/**
 * The managed region's bounds: a marker counts only alone on its own line. Null when the markers are
 * missing, out of order or repeated: the note is then left as the user has it, never guessed at.
 */
export function findRegion(body: string): { start: number; end: number } | null {
  const begins = markerLines(body, REGION_BEGIN);
  const ends = markerLines(body, REGION_END);
  if (begins.length !== 1 || ends.length !== 1 || ends[0].start < begins[0].end) return null;
  return { start: begins[0].start, end: ends[0].end };
}

function markerLines(body: string, marker: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let at = body.indexOf(marker); at >= 0; at = body.indexOf(marker, at + marker.length)) {
    const lineStart = body.lastIndexOf("\n", at - 1) + 1;
    const newline = body.indexOf("\n", at);
    const lineEnd = newline < 0 ? body.length : newline;
    const line = body.slice(lineStart, lineEnd);
    if (line.replace(/\s+$/, "") === marker) out.push({ start: lineStart, end: at + marker.length });
  }
  return out;
}

/** Replaces the managed region in `body`; null when its markers are not found exactly once each. */
export function replaceRegion(body: string, region: string): string | null {
  const bounds = findRegion(body);
  if (bounds === null) return null;
  return body.slice(0, bounds.start) + region + body.slice(bounds.end);
}

/** Imported text never carries a marker line: one indented by a space no longer counts as a marker. */
export function neutraliseMarkers(text: string): string {
  if (!text.includes("%% decp:")) return text;
  return text.replace(/^(%% decp:(?:begin|end) %%[ \t\r]*)$/gm, " $1");
}

/**
 * The frontmatter patch a re-import applies to an existing note (a model's, or a macro's with its own
 * keys): owned keys set or removed, dbt's
 * tags swapped inside the user's `tags` (tags the user added stay), `status` touched only to undo a
 * `removed` mark.
 */
export function ownedPatch(
  existing: Frontmatter,
  owned: Frontmatter,
  keys: readonly string[] = OWNED_KEYS,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of keys) patch[key] = owned[key];
  if (keys.includes("tags")) {
    // The note's order is kept: tags dbt dropped leave, tags dbt added join at the end.
    const before = new Set(strings(existing.dbt_tags));
    const dbtTags = strings(owned.tags);
    const kept = tagList(existing.tags).filter((t) => dbtTags.includes(t) || !before.has(t));
    patch.tags = [...new Set([...kept, ...dbtTags])];
  }
  if (existing.status === "removed") {
    patch.status = existing[STATUS_BEFORE_REMOVED];
    patch[STATUS_BEFORE_REMOVED] = undefined;
  }
  return patch;
}

/** The patch that marks a note whose node left the project; a status the user set is kept aside. */
export function removedPatch(existing: Frontmatter): Record<string, unknown> {
  if (existing.status === "removed") return {};
  return existing.status === undefined
    ? { status: "removed" }
    : { status: "removed", [STATUS_BEFORE_REMOVED]: existing.status };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Obsidian takes `tags` as a list or as one string of tags separated by commas or spaces. */
function tagList(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[,\s]+/).filter(Boolean);
  return strings(value);
}

function linkList(names: string[]): string[] {
  return names.length === 0 ? ["(none)"] : names.map((name) => `- ${wikilink(name)}`);
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** A fence longer than any backtick run in the code, so the code stays inside it. */
function fenceFor(code: string): string {
  if (!code.includes("`")) return "```";
  let longest = 0;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return "`".repeat(Math.max(3, longest + 1));
}

/** The one-hop neighbourhood; big fan-outs are cut to a count so the diagram stays readable. */
function mermaid(noteName: string, links: NoteLinks): string[] {
  const label = (text: string): string => `"${text.replace(/"/g, "#quot;")}"`;
  const lines = ["```mermaid", "flowchart LR", `  self[${label(noteName)}]`];
  const side = (names: string[], prefix: string, edge: (id: string) => string): void => {
    names
      .slice(0, MERMAID_LIMIT)
      .forEach((name, i) => lines.push(`  ${prefix}${i}[${label(name)}]`, `  ${edge(`${prefix}${i}`)}`));
    if (names.length > MERMAID_LIMIT)
      lines.push(`  ${prefix}more[${label(`${names.length - MERMAID_LIMIT} more`)}]`, `  ${edge(`${prefix}more`)}`);
  };
  side(links.upstream, "up", (id) => `${id} --> self`);
  side(links.downstream, "down", (id) => `self --> ${id}`);
  lines.push("```");
  return lines;
}

/** Reads a node back from a model note's frontmatter; null when it is not a dbt node note. */
export function nodeFromFrontmatter(fm: Frontmatter, notePath: string): LineageNode | null {
  const type = fm.resource_type ?? fm.type;
  if (typeof fm.unique_id !== "string" || !isLineageResourceType(type)) return null;
  const text = (v: unknown): string =>
    typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(text) : []);
  const node: LineageNode = {
    uniqueId: fm.unique_id,
    name: text(fm.name),
    resourceType: type,
    packageName: text(fm.package),
    path: text(fm.path),
    notePath,
    tags: strings(fm.tags),
    fqn: strings(fm.fqn),
    config:
      fm.config && typeof fm.config === "object" && !Array.isArray(fm.config)
        ? (fm.config as Record<string, ConfigValue>)
        : {},
    description: text(fm.description),
  };
  if (fm.source_name !== undefined) node.sourceName = text(fm.source_name);
  const columns = columnsFromFrontmatter(fm);
  if (columns) node.columns = columns;
  if (fm.version !== undefined && fm.version !== null) node.version = text(fm.version);
  return node;
}
