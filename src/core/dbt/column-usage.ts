// Column usage across a dbt project: for every model with compiled SQL, which columns of each parent
// it reads and what its own columns are computed from. Parents are analysed before their children,
// so a parent's columns (from its SQL, else its declared docs) expand a child's `select *`.

import { cacheKey } from "../content-hash";
import type { DbtProject, NodeDetail } from "./project";
import { analyseModel, resolverFor } from "./column-analysis";
import { dialectForAdapter, loadSqlParser, type SqlParser } from "./sql-parser";
import type { ColumnSource } from "./sql-columns";

export type { ColumnSource } from "./sql-columns";

export interface ParentColumns {
  /** The parent's unique id. */
  parent: string;
  /** Lower-case column names, sorted; "*" when every column passes through unnamed. */
  columns: string[];
}

export interface OutputColumn {
  name: string;
  sources: ColumnSource[];
}

export type ColumnUsage =
  | { known: true; reads: ParentColumns[]; outputs: OutputColumn[]; missing: string[] }
  | { known: false; reason: string };

/**
 * Bump when analyseModel can answer differently for the same SQL and parents (sql-columns.ts changes
 * what it finds): column usage kept from an earlier import is then analysed again.
 */
export const COLUMN_ANALYSIS_VERSION = 1;

/** What an import analysed, kept for the next one: per model, the key of its inputs and its usage. */
export interface ColumnCache {
  models: Record<string, { key: string; usage: ColumnUsage }>;
}

/**
 * Analyses every model and snapshot of the project with compiled SQL, in place (detail.columnUsage,
 * detail.columnKey). A model keeps the usage `previous` has for it when its inputs are the same: its
 * compiled SQL, the dialect, and its parents' relations and columns (a parent's columns come from
 * its own analysis, so a parent whose columns changed has its children analysed again). A model that
 * already carries its usage (analysed earlier in this process) is left as it is. The parser is
 * loaded only when a model must be analysed.
 */
export async function analyseProjectColumns(
  project: DbtProject,
  parser?: SqlParser,
  previous?: ColumnCache | null,
): Promise<{ analysed: number; reused: number }> {
  const counts = { analysed: 0, reused: 0 };
  let usable = parser;
  const dialect = dialectForAdapter(project.adapter);
  const byId = new Map(project.nodes.map((d) => [d.node.uniqueId, d]));
  const seen = new Map<string, string>();
  /** What a child's analysis sees of a parent (relation, name, columns), hashed once per parent. */
  const parentKey = (id: string): string => {
    let key = seen.get(id);
    if (key === undefined) {
      const parent = byId.get(id);
      key = parent ? cacheKey(JSON.stringify([parent.relation ?? null, parent.node.name, columnsSeen(parent)])) : "";
      seen.set(id, key);
    }
    return key;
  };
  for (const detail of parentsFirst(project.nodes, byId)) {
    if (detail.sql === undefined || detail.columnUsage) continue;
    if (!detail.sql.compiled) {
      detail.columnUsage = {
        known: false,
        reason: "the manifest has no compiled SQL for it; run `dbt compile` and import again",
      };
      continue;
    }
    // Everything analyseModel reads: the version of the analysis, the dialect, the parents, the SQL.
    const parents = [...new Set(detail.parents)].map((id) => `${id} ${parentKey(id)}`);
    const key = cacheKey(JSON.stringify([COLUMN_ANALYSIS_VERSION, dialect, parents])) + cacheKey(detail.sql.compiled);
    detail.columnKey = key;
    const kept = previous?.models[detail.node.uniqueId];
    if (kept?.key === key) {
      detail.columnUsage = kept.usage;
      counts.reused++;
      continue;
    }
    usable ??= await loadSqlParser();
    detail.columnUsage = analyseModel(detail, resolverFor(detail, byId), usable, dialect);
    counts.analysed++;
  }
  return counts;
}

/** A parent's columns as the resolver gives them to a child (its analysed output, else its declared docs). */
function columnsSeen(parent: NodeDetail): string[] | null {
  return resolverFor(parent, new Map([[parent.node.uniqueId, parent]])).columnsOf(parent.node.uniqueId) ?? null;
}

/** The cache an import leaves: every model's usage with the key of its inputs. */
export function columnCacheOf(project: DbtProject): ColumnCache {
  const models: ColumnCache["models"] = {};
  for (const detail of project.nodes)
    if (detail.columnKey !== undefined && detail.columnUsage)
      models[detail.node.uniqueId] = { key: detail.columnKey, usage: detail.columnUsage };
  return { models };
}

/** True when `next` holds exactly the keys `previous` held (nothing to save). */
export function sameColumnCache(previous: ColumnCache | null | undefined, next: ColumnCache): boolean {
  if (!previous?.models) return false;
  const ids = Object.keys(next.models);
  if (ids.length !== Object.keys(previous.models).length) return false;
  return ids.every((id) => previous.models[id]?.key === next.models[id].key);
}

/** Depth-first, parents before children; a cycle (invalid in dbt) is cut where it closes. */
function parentsFirst(nodes: NodeDetail[], byId: Map<string, NodeDetail>): NodeDetail[] {
  const order: NodeDetail[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (detail: NodeDetail): void => {
    const id = detail.node.uniqueId;
    if (state.has(id)) return;
    state.set(id, "visiting");
    for (const parent of detail.parents) {
      const p = byId.get(parent);
      if (p && state.get(parent) !== "visiting") visit(p);
    }
    state.set(id, "done");
    order.push(detail);
  };
  for (const detail of nodes) visit(detail);
  return order;
}

/** Parent id -> column -> the children that read it ("*": children reading every column). */
export function columnReaders(project: DbtProject): Map<string, Map<string, string[]>> {
  const readers = new Map<string, Map<string, string[]>>();
  for (const detail of project.nodes) {
    const usage = detail.columnUsage;
    if (!usage?.known) continue;
    for (const { parent, columns } of usage.reads) {
      let byColumn = readers.get(parent);
      if (!byColumn) readers.set(parent, (byColumn = new Map<string, string[]>()));
      for (const column of columns) {
        const list = byColumn.get(column);
        if (list) list.push(detail.node.uniqueId);
        else byColumn.set(column, [detail.node.uniqueId]);
      }
    }
  }
  for (const byColumn of readers.values()) for (const list of byColumn.values()) list.sort();
  return readers;
}
