// One model's column usage from its compiled SQL: parse it, walk the statement against the model's
// parents (their relations name them in the SQL, their columns expand `select *`), and sort what it
// reads. The project-wide driver (column-usage.ts) calls this parents first, so a parent's column
// usage is final when a child asks for its columns. A parent's lower-cased relation and column list
// are made once per project, not once per child: a wide dimension has thousands of children.

import type { ColumnUsage } from "./column-usage";
import type { NodeDetail } from "./project";
import { analyseStatement, type RelationResolver } from "./sql-columns";
import { localeOrder } from "./sql-scope";
import type { SqlDialect, SqlParser } from "./sql-parser";

export function analyseModel(
  detail: NodeDetail,
  resolver: RelationResolver,
  parser: SqlParser,
  dialect: SqlDialect,
): ColumnUsage {
  const code = detail.sql!.compiled ?? "";
  if (code.trim() === "") return { known: false, reason: "its compiled SQL is empty" };
  const parsed = parser.parse(code, dialect);
  if (!parsed.ok)
    return { known: false, reason: `its compiled SQL could not be parsed as ${dialect} SQL (${parsed.error})` };
  const analysis = analyseStatement(parsed.statements, resolver);
  if (!analysis.ok) return { known: false, reason: analysis.reason };
  const reads = [...analysis.reads]
    .map(([parent, columns]) => ({ parent, columns: [...columns].sort() }))
    .sort((a, b) => localeOrder(a.parent, b.parent));
  return { known: true, reads, outputs: analysis.outputs, missing: analysis.missing };
}

interface ParentRelation {
  id: string;
  /** database, schema, identifier, lower-cased. */
  relation: string[];
  name: string;
}

// Per parent, shared by all its children; keyed by objects the import makes once per node, so a
// re-read manifest (new objects) never sees an old answer.
const relations = new WeakMap<string[], string[]>();
const usageColumns = new WeakMap<ColumnUsage, string[] | undefined>();
const declaredColumns = new WeakMap<NodeDetail["columns"], string[]>();

/** Table names in the SQL are matched against the parents' relations, last parts first. */
export function resolverFor(detail: NodeDetail, byId: Map<string, NodeDetail>): RelationResolver {
  const parents: ParentRelation[] = [];
  for (const id of new Set(detail.parents)) {
    const parent = byId.get(id);
    if (parent?.relation) parents.push({ id, relation: lowerRelation(parent.relation), name: parent.node.name });
  }
  return {
    parentOf(parts) {
      // dbt inlines ephemeral models as CTEs named __dbt__cte__<model>.
      const ephemeral = parts.length === 1 && parts[0].startsWith("__dbt__cte__") ? parts[0].slice(12) : undefined;
      const matches = parents.filter((p) =>
        ephemeral !== undefined
          ? p.name.toLowerCase() === ephemeral
          : parts.length <= p.relation.length && p.relation.slice(-parts.length).join(".") === parts.join("."),
      );
      return matches.length === 1 ? matches[0].id : undefined;
    },
    columnsOf(parent) {
      const known = byId.get(parent);
      return known ? parentColumns(known) : undefined;
    },
  };
}

function lowerRelation(relation: string[]): string[] {
  let lower = relations.get(relation);
  if (!lower) relations.set(relation, (lower = relation.map((p) => p.toLowerCase())));
  return lower;
}

/** A parent's columns: from its own analysed SQL when every column is named, else its declared docs. */
function parentColumns(parent: NodeDetail): string[] | undefined {
  const usage = parent.columnUsage;
  if (usage?.known) {
    if (!usageColumns.has(usage))
      usageColumns.set(usage, usage.outputs.some((o) => o.name === "*") ? undefined : usage.outputs.map((o) => o.name));
    const fromSql = usageColumns.get(usage);
    if (fromSql) return fromSql;
  }
  if (parent.columns.length === 0) return undefined;
  let declared = declaredColumns.get(parent.columns);
  if (!declared) declaredColumns.set(parent.columns, (declared = parent.columns.map((c) => c.name.toLowerCase())));
  return declared;
}
