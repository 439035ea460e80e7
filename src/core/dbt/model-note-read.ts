// Reads a model note back into the facts a model card shows: the other half of model-note.ts (render
// and parse of the format stay side by side). Frontmatter keys the importer owns, then the body's
// Columns table, Tests list and SQL blocks. A hand-written note with such sections reads too; what is
// missing stays empty.

import type { Frontmatter } from "../frontmatter";
import type { ConfigValue } from "./graph";
import { linkedNoteName } from "../wikilinks";
import { COMPILED_SQL_HEADING, SQL_HEADING } from "./model-note";
import type { ColumnInfo, TestInfo } from "./project";

export interface ModelFacts {
  name: string;
  resourceType: string;
  /** "" when the note does not say. */
  materialized: string;
  relation: string;
  /** The file in the dbt project (original_file_path). */
  path: string;
  description: string;
  config: Record<string, ConfigValue>;
  columns: ColumnInfo[];
  tests: TestInfo[];
  /** Note basenames, as linked. */
  upstream: string[];
  downstream: string[];
  exposures: string[];
  macros: string[];
  sql: { raw?: string; compiled?: string };
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const HEADING = /^##\s+(.+?)\s*#*\s*$/;
const TEST_LINE = /^- `([^`]+)`(?: on ((?:`[^`]+`)(?:, `[^`]+`)*))?(?:: (.*))? \(([^()]*)\)\s*$/;

/**
 * The body's level-2 sections by lower-cased heading (fence-aware: a `##` inside a code block is code).
 * The lines before the first heading are under "".
 */
export function noteSections(body: string): Map<string, string[]> {
  const sections = new Map<string, string[]>([["", []]]);
  let current = sections.get("") as string[];
  let fence: string | null = null;
  for (const line of body.replace(/\r\n/g, "\n").split("\n")) {
    if (fence) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
      current.push(line);
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) fence = open[1];
    const heading = open ? null : HEADING.exec(line);
    if (heading && !sections.has(heading[1].toLowerCase())) {
      current = [];
      sections.set(heading[1].toLowerCase(), current);
    } else current.push(line);
  }
  return sections;
}

/** The contents of the first code block in a section. */
export function sqlOf(lines: string[] | undefined): string | undefined {
  if (!lines) return undefined;
  const start = lines.findIndex((l) => FENCE_OPEN.test(l));
  if (start < 0) return undefined;
  const fence = (FENCE_OPEN.exec(lines[start]) as RegExpExecArray)[1];
  const end = lines.findIndex(
    (l, i) => i > start && l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, "") === "",
  );
  return lines.slice(start + 1, end < 0 ? lines.length : end).join("\n");
}

function cells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

/** A Columns table (`| Column | Type | Description |`, any case, Type optional). */
export function readColumnsTable(lines: string[] | undefined): ColumnInfo[] {
  const rows = (lines ?? []).filter((l) => l.trim().startsWith("|"));
  if (rows.length < 2) return [];
  const header = cells(rows[0]).map((h) => h.toLowerCase());
  const at = (names: string[]) => header.findIndex((h) => names.includes(h));
  const name = at(["column", "name", "column name"]);
  const type = at(["type", "data type", "data_type"]);
  const description = at(["description"]);
  if (name < 0) return [];
  return rows
    .slice(1)
    .filter((r) => !/^\|?\s*:?-{3,}/.test(r.trim()))
    .map((r) => {
      const c = cells(r);
      return {
        name: c[name] ?? "",
        dataType: type >= 0 ? (c[type] ?? "") : "",
        description: description >= 0 ? (c[description] ?? "") : "",
      };
    })
    .filter((c) => c.name !== "");
}

export function readTestLines(lines: string[] | undefined): TestInfo[] {
  const tests: TestInfo[] = [];
  for (const line of lines ?? []) {
    const m = TEST_LINE.exec(line);
    if (!m) continue;
    const test: TestInfo = { name: m[4], kind: m[1] };
    const columns = m[2] ? [...m[2].matchAll(/`([^`]+)`/g)].map((c) => c[1]) : [];
    if (columns.length > 1 || (columns.length === 1 && m[1] === "unique_combination_of_columns"))
      test.columns = columns;
    else if (columns.length === 1) test.column = columns[0];
    if (m[3]) test.detail = m[3];
    tests.push(test);
  }
  return tests;
}

function linkNames(value: unknown): string[] {
  return Array.isArray(value) ? value.map(linkedNoteName).filter(Boolean) : [];
}

export function readModelNote(frontmatter: Frontmatter, body: string, noteName: string): ModelFacts {
  const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
  const sections = noteSections(body);
  const sql: ModelFacts["sql"] = {};
  // Notes written before raw and compiled SQL were kept apart say "SQL (raw)" or "SQL (compiled)".
  const raw = sqlOf(sections.get(SQL_HEADING.toLowerCase()) ?? sections.get("sql (raw)"));
  const compiled = sqlOf(sections.get(COMPILED_SQL_HEADING.toLowerCase()) ?? sections.get("sql (compiled)"));
  if (raw !== undefined) sql.raw = raw;
  if (compiled !== undefined) sql.compiled = compiled;
  const config = frontmatter.config;
  return {
    name: text(frontmatter.name) || noteName,
    resourceType: text(frontmatter.resource_type) || text(frontmatter.type),
    materialized: text(frontmatter.materialized),
    relation: text(frontmatter.relation),
    path: text(frontmatter.path),
    description: text(frontmatter.description) || (sections.get("description") ?? []).join("\n").trim(),
    config:
      config && typeof config === "object" && !Array.isArray(config) ? (config as Record<string, ConfigValue>) : {},
    columns: readColumnsTable(sections.get("columns")),
    tests: readTestLines(sections.get("tests")),
    upstream: linkNames(frontmatter.upstream),
    downstream: linkNames(frontmatter.downstream),
    exposures: Array.isArray(frontmatter.exposures) ? frontmatter.exposures.map(String) : [],
    macros: linkNames(frontmatter.macros),
    sql,
  };
}
