// The model card (owned here): how a dbt model reaches the model in a pack. What it is (relation,
// materialization, description), its grain and columns, its tests, its neighbours by name, the open
// loops about it and its SQL. Documented for agents in PROTOCOL_REFERENCE ("Model cards").

import type { MacroFacts, ModelFacts, TestInfo } from "../dbt";
import { formatTokens } from "./budget";

export interface CardLoop {
  id: string;
  status: string;
  title: string;
}

/** A child named in the focus card: its group (why it ranks where it does) and what it says beside its name. */
export interface NamedChild {
  name: string;
  group: string;
  entry: string;
}

export interface ModelCard {
  facts: ModelFacts;
  /** The note's name, as the neighbours' lists name it (a source: `source_name.table`). */
  title: string;
  /** The section title's role: "focus", "parent of dim_customers", ... */
  role: string;
  /** The SQL to show, or null for a card without it. */
  sql: "raw" | "compiled" | null;
  loops: CardLoop[];
  /** Focus only: the children named, in rank order, and how many there are in all. */
  children?: { total: number; named: NamedChild[] };
  /** Focus only: names of the macros whose bodies follow the card. */
  macrosShown?: string[];
  /**
   * Focus only: the parents whose cards did not fit, by name, with the line that stands in for the
   * card (parentLine): the focus card's `Parents` list then carries their column names.
   */
  parentsInline?: Map<string, string>;
  /** Focus only: the parents whose cards follow in the pack. */
  parentsCarded?: Set<string>;
}

function list(items: string[]): string {
  return items.join(", ");
}

interface Grain {
  /** `customer_id`, or `(order_id, line_no)` for a combination. */
  key: string;
  proof: string;
  alsoUnique: string[];
}

/** The key a uniqueness test pins, or null when no test states the grain. */
function grainFrom(tests: TestInfo[]): Grain | null {
  const combination = tests.find((t) => t.kind === "unique_combination_of_columns" && t.columns?.length);
  if (combination)
    return { key: `(${list(combination.columns ?? [])})`, proof: "unique_combination_of_columns", alsoUnique: [] };
  const unique = [...new Set(tests.filter((t) => t.kind === "unique" && t.column).map((t) => t.column as string))];
  if (unique.length === 0) return null;
  const notNull = new Set(tests.filter((t) => t.kind === "not_null").map((t) => t.column));
  const [key, ...others] = [...unique.filter((c) => notNull.has(c)), ...unique.filter((c) => !notNull.has(c))];
  return { key, proof: notNull.has(key) ? "unique and not_null" : "unique; nulls not tested", alsoUnique: others };
}

/** What the tests say about the grain: one row per the key a uniqueness test pins. */
export function grainOf(tests: TestInfo[]): string {
  const grain = grainFrom(tests);
  if (!grain) return "not stated by any uniqueness test";
  const also = grain.alsoUnique.length ? `; also unique: ${list(grain.alsoUnique)}` : "";
  return `one row per ${grain.key} (${grain.proof})${also}`;
}

/** Whether the Grain line already states this test (its key's uniqueness, not_null or combination). */
function statedByGrain(t: TestInfo, grain: Grain | null): boolean {
  if (!grain) return false;
  if (t.kind === "unique_combination_of_columns") return `(${list(t.columns ?? [])})` === grain.key;
  if (t.kind === "unique") return t.column === grain.key || grain.alsoUnique.includes(t.column ?? "");
  return t.kind === "not_null" && t.column === grain.key && grain.proof === "unique and not_null";
}

/** Tests grouped by kind: `not_null(email); relationships(customer_id -> ...)`, less those Grain states. */
export function testsLine(tests: TestInfo[]): string {
  const byKind = new Map<string, string[]>();
  const grain = grainFrom(tests);
  for (const t of tests) {
    if (statedByGrain(t, grain)) continue;
    const on = t.columns?.length ? list(t.columns) : (t.column ?? "");
    // A relationships test points from a column to another model's column; others qualify a column.
    const link = t.kind === "relationships" ? " -> " : ": ";
    const what =
      t.kind === "singular"
        ? t.name
        : t.detail
          ? on
            ? `${on}${link}${t.detail}`
            : t.detail
          : on || `model: ${t.name}`;
    byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), what]);
  }
  return [...byKind].map(([kind, items]) => `${kind}(${items.join("; ")})`).join("; ");
}

/** A config value in words: `order_id`, `order_id, line_no`. */
function configText(value: unknown): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return list(value.map(configText));
  return "";
}

function materialization(facts: ModelFacts): string {
  if (!facts.materialized) return "";
  const key = configText(facts.config.unique_key);
  const strategy = configText(facts.config.incremental_strategy);
  const details = [key ? `unique_key ${key}` : "", strategy ? `strategy ${strategy}` : ""].filter(Boolean);
  return details.length ? `${facts.materialized} (${details.join(", ")})` : facts.materialized;
}

function childrenLines(total: number, named: NamedChild[]): string[] {
  const count = formatTokens;
  if (total === 0) return ["Children: none"];
  if (named.length === 0) return [`Children: ${count(total)} (none named within the budget)`];
  const lines = [
    `Children (${count(total)}, most relevant first${named.length < total ? `; ${count(named.length)} named` : ""}):`,
  ];
  const groups = new Map<string, string[]>();
  for (const child of named) groups.set(child.group, [...(groups.get(child.group) ?? []), child.entry]);
  for (const [group, entries] of groups) lines.push(`- ${group}: ${entries.join(", ")}`);
  if (named.length < total) lines.push(`- not named (over budget): ${count(total - named.length)}`);
  return lines;
}

/**
 * A parent whose card does not fit, in one line of the focus card: what the focus can select from it.
 * `int_customer_payments (table, one row per customer_id): customer_id, payment_count, lifetime_value`.
 */
export function parentLine(name: string, facts: ModelFacts): string {
  const grain = grainFrom(facts.tests);
  const what = [facts.materialized || facts.resourceType, grain ? `one row per ${grain.key}` : ""]
    .filter(Boolean)
    .join(", ");
  const columns = facts.columns.length ? list(facts.columns.map((c) => c.name)) : "columns not documented";
  return `${name}${what ? ` (${what})` : ""}: ${columns}`;
}

function parentsLines(upstream: string[], inline?: Map<string, string>, carded?: Set<string>): string[] {
  if (upstream.length === 0) return ["Parents: none"];
  if (!inline?.size) return [`Parents (${upstream.length}): ${list(upstream)}`];
  // Parents without a card of their own bring their grain and column names here; the others' cards follow.
  // (A parent the note's list does not name still gets its line: its columns are never dropped.)
  const names = [...upstream, ...[...inline.keys()].filter((name) => !upstream.includes(name))];
  const plain = (name: string) => (carded?.has(name) ? `${name} (card below)` : name);
  return [`Parents (${names.length}):`, ...names.map((name) => `- ${inline.get(name) ?? plain(name)}`)];
}

function sqlBlock(code: string, label: string): string[] {
  let longest = 2;
  for (const run of code.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = "`".repeat(longest + 1);
  return [`SQL (${label}):`, `${fence}sql`, code.replace(/\s+$/, ""), fence];
}

export function renderModelCard(card: ModelCard): string {
  const f = card.facts;
  const lines = [`## ${card.title} (${card.role})`, ""];
  lines.push([f.resourceType, materialization(f), f.relation, f.path].filter(Boolean).join(" · "));
  if (f.description) lines.push(f.description.replace(/\s*\n\s*/g, " ").trim());
  lines.push(`Grain: ${grainOf(f.tests)}`);
  if (f.columns.length > 0) {
    lines.push(`Columns (${f.columns.length}):`);
    for (const c of f.columns) {
      const type = c.dataType ? ` (${c.dataType})` : "";
      lines.push(`- ${c.name}${type}${c.description ? `: ${c.description}` : ""}`);
    }
  } else lines.push("Columns: none documented");
  // The grain's own tests are in the Grain line: the rest are the other tests.
  const tests = testsLine(f.tests);
  if (tests) lines.push(`${grainFrom(f.tests) ? "Other tests" : "Tests"}: ${tests}`);
  lines.push(...parentsLines(f.upstream, card.parentsInline, card.parentsCarded));
  if (card.children) lines.push(...childrenLines(card.children.total, card.children.named));
  else lines.push(`Children: ${f.downstream.length ? formatTokens(f.downstream.length) : "none"}`);
  if (f.exposures.length > 0) lines.push(`Exposures (${f.exposures.length}): ${list(f.exposures)}`);
  if (card.loops.length > 0)
    lines.push(`Open loops: ${card.loops.map((l) => `${l.id} (${l.status}) ${l.title}`).join("; ")}`);
  if (f.macros.length > 0) {
    const shown = new Set(card.macrosShown ?? []);
    lines.push(`Macros it calls: ${f.macros.map((m) => (shown.has(m) ? `${m} (below)` : m)).join(", ")}`);
  }
  const sql = card.sql && sqlToShow(f, card.sql);
  if (sql) lines.push(...sqlBlock(sql.code, sql.label));
  return lines.join("\n") + "\n";
}

/** Raw SQL (refs and macros as written) unless compiled is asked for and the note has it. */
function sqlToShow(f: ModelFacts, wanted: "raw" | "compiled"): { code: string; label: string } | null {
  if (wanted === "compiled" && f.sql.compiled !== undefined) return { code: f.sql.compiled, label: "compiled" };
  if (f.sql.raw !== undefined)
    return { code: f.sql.raw, label: wanted === "compiled" ? "raw; the note has no separate compiled SQL" : "raw" };
  if (f.sql.compiled !== undefined) return { code: f.sql.compiled, label: "compiled" };
  return null;
}

export function renderMacroCard(macro: MacroFacts, calledBy: string): string {
  const facts = [
    macro.path,
    macro.arguments.length ? `arguments: ${list(macro.arguments)}` : "",
    macro.calls.length ? `calls: ${list(macro.calls)}` : "",
  ].filter(Boolean);
  const lines = [`## Macro ${macro.name} (called by ${calledBy})`, "", facts.join(" · ")];
  if (macro.description) lines.push(macro.description.trim());
  if (macro.sql) lines.push(...sqlBlock(macro.sql, "macro").slice(1));
  return lines.join("\n") + "\n";
}
