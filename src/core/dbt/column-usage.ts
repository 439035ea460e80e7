// Column usage across a dbt project: for every model with compiled SQL, which columns of each parent
// it reads and what its own columns are computed from. Parents are analysed before their children,
// so a parent's columns (from its SQL, else its declared docs) expand a child's `select *`.

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

/** Analyses every model and snapshot of the project with compiled SQL, in place (detail.columnUsage). */
export async function analyseProjectColumns(project: DbtProject, parser?: SqlParser): Promise<void> {
  const withSql = project.nodes.filter((d) => d.sql !== undefined);
  if (withSql.length === 0) return;
  const usable = parser ?? (withSql.some((d) => d.sql?.compiled) ? await loadSqlParser() : undefined);
  const dialect = dialectForAdapter(project.adapter);
  const byId = new Map(project.nodes.map((d) => [d.node.uniqueId, d]));
  for (const detail of parentsFirst(project.nodes, byId)) {
    if (detail.sql === undefined) continue;
    detail.columnUsage =
      detail.sql.compiled && usable
        ? analyseModel(detail, resolverFor(detail, byId), usable, dialect)
        : { known: false, reason: "the manifest has no compiled SQL for it; run `dbt compile` and import again" };
  }
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
      for (const column of columns) byColumn.set(column, [...(byColumn.get(column) ?? []), detail.node.uniqueId]);
    }
  }
  for (const byColumn of readers.values()) for (const list of byColumn.values()) list.sort();
  return readers;
}
