// Which columns of which parent relations one SELECT reads, and what each output column is computed
// from, over sqlparser-rs's AST. CTEs, aliases, derived tables, joins (ON and USING), subqueries and
// set operations are followed; `select *` is a passthrough that reads only the columns asked of it
// downstream. What cannot be decided (an unknown construct, a column two relations of unknown shape
// could provide) ends the analysis with a reason: it never guesses. This module walks the tree and
// builds the scopes; sql-scope.ts resolves names in them and traces columns to the parents.

import {
  aliasColumnNames,
  exprName,
  functionArgExpr,
  identName,
  identsIn,
  isObject,
  single,
  type Json,
} from "./sql-ast";
import {
  ColumnReads,
  Undecidable,
  columnsOf,
  matchesEntry,
  outputNames,
  renameColumns,
  type ColumnSource,
  type Entry,
  type Ref,
  type Rel,
  type Scope,
  type Star,
} from "./sql-scope";

export type { ColumnSource } from "./sql-scope";

export interface StatementColumns {
  /** Parent id -> the columns it reads ("*" when it passes all of them through unnamed). */
  reads: Map<string, Set<string>>;
  /** The statement's output columns in order; name "*" passes through columns not known by name. */
  outputs: { name: string; sources: ColumnSource[] }[];
  /** References no relation in scope provides, as written ("no_such_column", "o.total"). */
  missing: string[];
}

export type StatementAnalysis = ({ ok: true } & StatementColumns) | { ok: false; reason: string };

/** How table names in the SQL map to the model's parents, and what columns those parents have. */
export interface RelationResolver {
  /** The parent a table name (its parts, lowercased) refers to; undefined for any other relation. */
  parentOf(nameParts: string[]): string | undefined;
  /** A parent's columns (lowercased) when known; undefined when not. A list handed out must never change. */
  columnsOf(parent: string): string[] | undefined;
}

type Found = (ref: Ref) => void;

const IGNORE: Found = () => {};

const DATE_PARTS = new Set(
  "year years quarter month months week weeks isoweek day days dayofweek dayofyear hour hours minute minutes second seconds millisecond milliseconds microsecond microseconds nanosecond epoch date time datetime isoyear dow doy".split(
    " ",
  ),
);
const DATE_FUNCTION = /date|time|trunc|extract|last_day|part/i;

export function analyseStatement(statements: unknown[], resolver: RelationResolver): StatementAnalysis {
  const queries = statements.filter((s) => isObject(s) && "Query" in s);
  if (statements.length !== 1 || queries.length !== 1) {
    const kinds = statements.map((s) => (isObject(s) ? Object.keys(s)[0] : typeof s)).join(", ");
    return { ok: false, reason: `the compiled SQL is not one SELECT (found ${kinds || "nothing"})` };
  }
  const analysis = new Analysis(resolver);
  try {
    const rel = analysis.query((queries[0] as Json).Query as Json, undefined, new Map());
    const outputs = analysis.columns.outputs(rel);
    return { ok: true, reads: analysis.columns.reads, outputs, missing: [...analysis.columns.missing].sort() };
  } catch (error) {
    if (error instanceof Undecidable) return { ok: false, reason: error.message };
    throw error;
  }
}

class Analysis {
  readonly columns = new ColumnReads();
  /** One relation per parent: its column set is made once per statement. */
  private readonly parents = new Map<string, Rel>();

  constructor(private readonly resolver: RelationResolver) {}

  // --- queries -------------------------------------------------------------------------------

  query(query: Json, outer: Scope | undefined, ctes: Map<string, Rel>): Rel {
    const withClause = query.with as Json | null | undefined;
    const visible = withClause ? new Map(ctes) : ctes;
    for (const cte of (withClause?.cte_tables as Json[] | undefined) ?? []) {
      const alias = cte.alias as Json;
      const name = identName(alias.name);
      // An ephemeral parent inlined by dbt stands for that parent, not for the relations it reads.
      const ephemeral = name.startsWith("__dbt__cte__") ? this.resolver.parentOf([name]) : undefined;
      if (ephemeral !== undefined) {
        visible.set(name, this.parentRel(ephemeral));
        continue;
      }
      if (withClause?.recursive) visible.set(name, { kind: "other", label: name });
      const rel = this.query(cte.query as Json, outer, visible);
      visible.set(name, renameColumns(rel, aliasColumnNames(alias.columns)));
    }
    const { rel, scope } = this.setExpr(query.body as Json, outer, visible);
    const orderBy = query.order_by as Json | null | undefined;
    if (orderBy && scope) this.walk(orderBy, { ...scope, aliases: outputNames(rel) }, IGNORE);
    return rel;
  }

  private setExpr(body: Json, outer: Scope | undefined, ctes: Map<string, Rel>): { rel: Rel; scope?: Scope } {
    const [kind, value] = single(body);
    switch (kind) {
      case "Select":
        return this.select(value as Json, outer, ctes);
      case "Query":
        return { rel: this.query(value as Json, outer, ctes) };
      case "SetOperation": {
        const op = value as Json;
        const left = this.setExpr(op.left as Json, outer, ctes).rel;
        const right = this.setExpr(op.right as Json, outer, ctes).rel;
        return { rel: this.combine(left, right) };
      }
      case "Values":
        this.walk(value, { entries: [], outer, ctes, aliases: new Set() }, IGNORE);
        return { rel: { kind: "other", label: "VALUES" } };
      default:
        throw new Undecidable(`a ${kind} query body is not analysed`);
    }
  }

  /** UNION / INTERSECT / EXCEPT: by position when both sides' columns are known, else by name. */
  private combine(left: Rel, right: Rel): Rel {
    const l = columnsOf(left);
    const r = columnsOf(right);
    if (l && r && l.length === r.length) {
      const explicit = new Map<string, Ref[]>();
      l.forEach((name, i) => explicit.set(name, [...refsOf(left, name), ...refsOf(right, r[i])]));
      return { kind: "query", shape: { explicit, order: [...l], stars: [], union: false } };
    }
    const stars = [left, right].map((rel) => ({ rel, except: new Set<string>() }));
    return { kind: "query", shape: { explicit: new Map(), order: [...stars], stars, union: true } };
  }

  private select(select: Json, outer: Scope | undefined, ctes: Map<string, Rel>): { rel: Rel; scope: Scope } {
    const scope: Scope = { entries: [], outer, ctes, aliases: new Set() };
    for (const item of (select.from as Json[]) ?? []) this.fromItem(item, scope);
    const explicit = new Map<string, Ref[]>();
    const order: (string | Star)[] = [];
    const stars: Star[] = [];
    let unnamed = 0;
    for (const item of (select.projection as unknown[]) ?? []) {
      const [kind, value] = single(item);
      if (kind === "UnnamedExpr" || kind === "ExprWithAlias") {
        const expr = kind === "ExprWithAlias" ? (value as Json).expr : value;
        const name =
          kind === "ExprWithAlias" ? identName((value as Json).alias) : (exprName(expr) ?? `_col${unnamed++}`);
        const refs: Ref[] = [];
        this.walk(expr, scope, (ref) => refs.push(ref));
        if (!explicit.has(name)) order.push(name);
        explicit.set(name, refs);
      } else if (kind === "Wildcard" || kind === "QualifiedWildcard") {
        const [qualifier, options] = kind === "Wildcard" ? [undefined, value as Json] : (value as [unknown, Json]);
        const entries = qualifier === undefined ? scope.entries : [this.entryFor(qualifier, scope)];
        const { except, replaced } = this.wildcardOptions(options, scope);
        for (const [name, refs] of replaced) explicit.set(name, refs);
        for (const entry of entries) {
          const star = { rel: entry.rel, except };
          stars.push(star);
          order.push(star);
        }
        for (const name of replaced.keys()) if (!order.includes(name)) order.push(name);
      } else throw new Undecidable(`a ${kind} select item is not analysed`);
    }
    for (const name of explicit.keys()) scope.aliases.add(name);
    // Everything else (WHERE, GROUP BY, HAVING, QUALIFY, windows, DISTINCT ON...) reads columns too.
    for (const key in select) if (key !== "projection" && key !== "from") this.field(key, select[key], scope, IGNORE);
    return { rel: { kind: "query", shape: { explicit, order, stars, union: false } }, scope };
  }

  private wildcardOptions(options: Json, scope: Scope): { except: Set<string>; replaced: Map<string, Ref[]> } {
    const except = new Set<string>();
    const replaced = new Map<string, Ref[]>();
    for (const key of ["opt_exclude", "opt_except"]) for (const name of identsIn(options?.[key])) except.add(name);
    const replace = options?.opt_replace as Json | undefined;
    for (const item of (replace?.items as Json[] | undefined) ?? []) {
      const name = identName(item.column_name);
      const refs: Ref[] = [];
      this.walk(item.expr, scope, (ref) => refs.push(ref));
      except.add(name);
      replaced.set(name, refs);
    }
    if (options?.opt_rename || options?.opt_ilike) throw new Undecidable("SELECT * RENAME / ILIKE is not analysed");
    return { except, replaced };
  }

  private entryFor(qualifier: unknown, scope: Scope): Entry {
    const parts = identsIn(qualifier);
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      const entry = s.entries.find((e) => matchesEntry(e, parts));
      if (entry) return entry;
    }
    throw new Undecidable(`${parts.join(".")}.* names no relation in the FROM clause`);
  }

  // --- FROM ----------------------------------------------------------------------------------

  private fromItem(item: Json, scope: Scope): void {
    this.relation(item.relation as Json, scope);
    for (const join of (item.joins as Json[]) ?? []) {
      const before = scope.entries.length;
      this.relation(join.relation as Json, scope);
      const joined = scope.entries.slice(before);
      this.joinConstraint(join.join_operator, scope, scope.entries.slice(0, before), joined);
    }
  }

  private joinConstraint(operator: unknown, scope: Scope, left: Entry[], right: Entry[]): void {
    const [, payload] = single(operator);
    if (payload === "Natural") throw new Undecidable("NATURAL JOIN is not analysed");
    if (!isObject(payload) || !("Using" in payload)) {
      // ON, and ASOF's match condition: expressions over both sides.
      this.walk(payload, scope, IGNORE);
      return;
    }
    for (const part of payload.Using as unknown[]) {
      const column = identsIn(part).slice(-1)[0];
      for (const side of [left, right]) {
        const sideScope: Scope = { entries: side, outer: undefined, ctes: scope.ctes, aliases: new Set() };
        for (const ref of this.columns.resolve([column], sideScope, false)) this.columns.demand(ref.rel, ref.column);
      }
      for (const entry of [...left, ...right]) entry.using.add(column);
    }
  }

  private relation(relation: Json, scope: Scope): void {
    const [kind, value] = single(relation);
    const v = value as Json;
    const alias = v.alias ? identName((v.alias as Json).name) : undefined;
    const aliasColumns = v.alias ? aliasColumnNames((v.alias as Json).columns) : [];
    switch (kind) {
      case "Table": {
        const names = identsIn(v.name);
        if (v.args) this.walk(v.args, scope, IGNORE);
        const cte = names.length === 1 ? scope.ctes.get(names[0]) : undefined;
        const parent = cte ? undefined : this.resolver.parentOf(names);
        const rel: Rel =
          cte ?? (parent !== undefined ? this.parentRel(parent) : { kind: "other", label: names.join(".") });
        this.add(scope, alias ?? names[names.length - 1], names, renameColumns(rel, aliasColumns));
        return;
      }
      case "Derived": {
        const rel = this.query(v.subquery as Json, v.lateral ? scope : scope.outer, scope.ctes);
        this.add(scope, alias ?? "", [], renameColumns(rel, aliasColumns));
        return;
      }
      case "UNNEST":
      case "Function":
      case "TableFunction":
        // Table functions (UNNEST, FLATTEN, ...) read the columns in their arguments; what they
        // return is not a parent's column.
        for (const key in v) if (key !== "alias" && key !== "name") this.walk(v[key], scope, IGNORE);
        this.add(scope, alias ?? "", [], { kind: "other", label: kind });
        return;
      case "NestedJoin":
        this.fromItem(v.table_with_joins as Json, scope);
        return;
      default:
        throw new Undecidable(`a ${kind} in FROM is not analysed`);
    }
  }

  private parentRel(id: string): Rel {
    let rel = this.parents.get(id);
    if (!rel) {
      const known = this.resolver.columnsOf(id);
      const columns = known ? parentColumnSet(known) : undefined;
      rel = { kind: "parent", id, columns: columns?.set, list: columns?.list };
      this.parents.set(id, rel);
    }
    return rel;
  }

  private add(scope: Scope, alias: string, names: string[], rel: Rel): void {
    scope.entries.push({ alias, names, rel, using: new Set() });
  }

  // --- expressions ---------------------------------------------------------------------------

  /** Visits an expression tree; every column reference is read (demanded) and reported. */
  private walk(node: unknown, scope: Scope, found: Found, shadowed?: Set<string>): void {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item, scope, found, shadowed);
      return;
    }
    const object = node as Json;
    for (const key in object) this.field(key, object[key], scope, found, shadowed);
  }

  /** One field of an AST object: a column reference, a subquery, a function, or a tree to walk on. */
  private field(key: string, value: unknown, scope: Scope, found: Found, shadowed?: Set<string>): void {
    switch (key) {
      case "Identifier":
      case "CompoundIdentifier": {
        const parts = key === "Identifier" ? [identName(value)] : identsIn(value);
        if (parts.length === 1 && shadowed?.has(parts[0])) break;
        for (const ref of this.columns.resolve(parts, scope, true)) {
          this.columns.demand(ref.rel, ref.column);
          found(ref);
        }
        break;
      }
      case "Subquery":
      case "subquery":
        this.query(value as Json, scope, scope.ctes);
        break;
      case "Function":
        this.func(value as Json, scope, found, shadowed);
        break;
      case "Lambda": {
        const lambda = value as Json;
        const params = new Set([...(shadowed ?? []), ...identsIn(lambda.params)]);
        this.walk(lambda.body, scope, found, params);
        break;
      }
      // Names, types and literals, never columns (a function's name, a cast's type, an alias).
      case "name":
      case "alias":
      case "data_type":
      case "collation":
      case "Value":
      case "Wildcard":
      case "QualifiedWildcard":
      case "span":
        break;
      default:
        this.walk(value, scope, found, shadowed);
    }
  }

  private func(fn: Json, scope: Scope, found: Found, shadowed?: Set<string>): void {
    const name = identsIn(fn.name).join(".");
    const args = fn.args as Json | string;
    // date_trunc(month, x), datediff(day, a, b): a bare date part is a keyword, not a column.
    const dateParts = DATE_FUNCTION.test(name);
    if (isObject(args) && isObject(args.List)) {
      for (const arg of (args.List.args as unknown[]) ?? []) {
        const expr = functionArgExpr(arg);
        if (dateParts && isObject(expr) && "Identifier" in expr && DATE_PARTS.has(identName(expr.Identifier))) continue;
        this.walk(arg, scope, found, shadowed);
      }
      this.walk(args.List.clauses, scope, found, shadowed);
    } else this.walk(args, scope, found, shadowed);
    for (const key of ["over", "filter", "within_group", "parameters", "null_treatment"])
      this.walk(fn[key], scope, found, shadowed);
  }
}

/** A column of a relation as a reference list (what a positional union merges). */
function refsOf(rel: Rel, column: string): Ref[] {
  if (rel.kind === "query" && rel.shape.explicit.has(column)) return rel.shape.explicit.get(column)!;
  return [{ rel, column }];
}

// A parent's columns as a set, made once per list the resolver hands out (column-analysis.ts hands
// out one list per parent, so a dimension read by thousands of models is lower-cased once).
const columnSets = new WeakMap<readonly string[], { set: Set<string>; list: string[] }>();

function parentColumnSet(known: readonly string[]): { set: Set<string>; list: string[] } {
  let columns = columnSets.get(known);
  if (!columns) {
    const set = new Set(known.map((c) => c.toLowerCase()));
    columnSets.set(known, (columns = { set, list: [...set] }));
  }
  return columns;
}
