// Which columns of which parent relations one SELECT reads, and what each output column is computed
// from, over sqlparser-rs's AST (as JSON). CTEs, aliases, derived tables, joins (ON and USING),
// subqueries and set operations are followed; `select *` is a passthrough that reads only the
// columns asked of it downstream. What cannot be decided (an unknown construct, a column two
// relations of unknown shape could provide) ends the analysis with a reason: it never guesses.

/** A column of a parent relation; column "*" means every column (their names are not known). */
export interface ColumnSource {
  parent: string;
  column: string;
}

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
  /** A parent's columns (lowercased) when known; undefined when not. */
  columnsOf(parent: string): string[] | undefined;
}

type Json = Record<string, unknown>;

type Rel =
  | { kind: "parent"; id: string; columns: Set<string> | undefined }
  | { kind: "other"; label: string }
  | { kind: "query"; shape: Shape };

interface Star {
  rel: Rel;
  except: Set<string>;
}

interface Shape {
  /** Output name -> the references its expression reads. */
  explicit: Map<string, Ref[]>;
  /** Output order: explicit names and wildcard passthroughs. */
  order: (string | Star)[];
  stars: Star[];
  /** A set operation: a column passes through from every branch that has it. */
  union: boolean;
}

interface Ref {
  rel: Rel;
  column: string;
}

interface Entry {
  alias: string;
  /** Table name parts for `schema.table.column` references. */
  names: string[];
  rel: Rel;
  using: Set<string>;
}

interface Scope {
  entries: Entry[];
  outer: Scope | undefined;
  ctes: Map<string, Rel>;
  /** Output aliases of the SELECT, usable in GROUP BY, HAVING, QUALIFY, ORDER BY. */
  aliases: Set<string>;
}

class Undecidable extends Error {}

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
    return { ok: true, ...analysis.finish(rel) };
  } catch (error) {
    if (error instanceof Undecidable) return { ok: false, reason: error.message };
    throw error;
  }
}

class Analysis {
  readonly reads = new Map<string, Set<string>>();
  readonly missing = new Set<string>();

  constructor(private readonly resolver: RelationResolver) {}

  finish(rel: Rel): StatementColumns {
    const outputs: StatementColumns["outputs"] = [];
    const shape = rel.kind === "query" ? rel.shape : undefined;
    for (const item of shape?.order ?? []) {
      if (typeof item === "string") {
        outputs.push({ name: item, sources: this.traceRefs(shape!.explicit.get(item) ?? []) });
        continue;
      }
      const columns = this.columnsOf(item.rel);
      if (columns === undefined) {
        this.demand(item.rel, "*");
        outputs.push({ name: "*", sources: this.trace(item.rel, "*") });
      } else {
        for (const column of columns) {
          if (item.except.has(column)) continue;
          this.demand(item.rel, column);
          outputs.push({ name: column, sources: this.trace(item.rel, column) });
        }
      }
    }
    return { reads: this.reads, outputs, missing: [...this.missing].sort() };
  }

  // --- queries -------------------------------------------------------------------------------

  query(query: Json, outer: Scope | undefined, ctes: Map<string, Rel>): Rel {
    const visible = new Map(ctes);
    const withClause = query.with as Json | null | undefined;
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
      visible.set(name, renameColumns(rel, alias.columns));
    }
    const { rel, scope } = this.setExpr(query.body as Json, outer, visible);
    const orderBy = query.order_by as Json | null | undefined;
    if (orderBy && scope) this.walk(orderBy, { ...scope, aliases: outputNames(rel) }, () => {});
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
        this.walk(value, { entries: [], outer, ctes, aliases: new Set() }, () => {});
        return { rel: { kind: "other", label: "VALUES" } };
      default:
        throw new Undecidable(`a ${kind} query body is not analysed`);
    }
  }

  /** UNION / INTERSECT / EXCEPT: by position when both sides' columns are known, else by name. */
  private combine(left: Rel, right: Rel): Rel {
    const l = this.columnsOf(left);
    const r = this.columnsOf(right);
    if (l && r && l.length === r.length) {
      const explicit = new Map<string, Ref[]>();
      l.forEach((name, i) => explicit.set(name, [...this.refsOf(left, name), ...this.refsOf(right, r[i])]));
      return { kind: "query", shape: { explicit, order: [...l], stars: [], union: false } };
    }
    const stars = [left, right].map((rel) => ({ rel, except: new Set<string>() }));
    return { kind: "query", shape: { explicit: new Map(), order: [...stars], stars, union: true } };
  }

  /** A column of a relation as a reference list (what a positional union merges). */
  private refsOf(rel: Rel, column: string): Ref[] {
    if (rel.kind === "query" && rel.shape.explicit.has(column)) return rel.shape.explicit.get(column)!;
    return [{ rel, column }];
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
    const rest: Json = { ...select };
    delete rest.projection;
    delete rest.from;
    this.walk(rest, scope, () => {});
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
      this.walk(payload, scope, () => {});
      return;
    }
    for (const part of payload.Using as unknown[]) {
      const column = identsIn(part).slice(-1)[0];
      for (const side of [left, right]) {
        const sideScope: Scope = { entries: side, outer: undefined, ctes: scope.ctes, aliases: new Set() };
        for (const ref of this.resolve([column], sideScope, false)) this.demand(ref.rel, ref.column);
      }
      for (const entry of [...left, ...right]) entry.using.add(column);
    }
  }

  private relation(relation: Json, scope: Scope): void {
    const [kind, value] = single(relation);
    const v = value as Json;
    const alias = v.alias ? identName((v.alias as Json).name) : undefined;
    switch (kind) {
      case "Table": {
        const names = identsIn(v.name);
        if (v.args) this.walk(v.args, scope, () => {});
        const cte = names.length === 1 ? scope.ctes.get(names[0]) : undefined;
        const parent = cte ? undefined : this.resolver.parentOf(names);
        const rel: Rel =
          cte ?? (parent !== undefined ? this.parentRel(parent) : { kind: "other", label: names.join(".") });
        const aliasColumns = v.alias ? (v.alias as Json).columns : undefined;
        this.add(scope, alias ?? names[names.length - 1], names, renameColumns(rel, aliasColumns));
        return;
      }
      case "Derived": {
        const rel = this.query(v.subquery as Json, v.lateral ? scope : scope.outer, scope.ctes);
        this.add(scope, alias ?? "", [], renameColumns(rel, v.alias ? (v.alias as Json).columns : undefined));
        return;
      }
      case "UNNEST":
      case "Function":
      case "TableFunction":
        // Table functions (UNNEST, FLATTEN, ...) read the columns in their arguments; what they
        // return is not a parent's column.
        for (const [key, inner] of Object.entries(v))
          if (key !== "alias" && key !== "name") this.walk(inner, scope, () => {});
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
    return { kind: "parent", id, columns: lowerSet(this.resolver.columnsOf(id)) };
  }

  private add(scope: Scope, alias: string, names: string[], rel: Rel): void {
    scope.entries.push({ alias, names, rel, using: new Set() });
  }

  // --- expressions ---------------------------------------------------------------------------

  /** Visits an expression tree; every column reference is read (demanded) and reported. */
  private walk(node: unknown, scope: Scope, found: (ref: Ref) => void, shadowed?: Set<string>): void {
    if (Array.isArray(node)) {
      for (const item of node) this.walk(item, scope, found, shadowed);
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      switch (key) {
        case "Identifier":
        case "CompoundIdentifier": {
          const parts = key === "Identifier" ? [identName(value)] : identsIn(value);
          if (parts.length === 1 && shadowed?.has(parts[0])) break;
          for (const ref of this.resolve(parts, scope, true)) {
            this.demand(ref.rel, ref.column);
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
  }

  private func(fn: Json, scope: Scope, found: (ref: Ref) => void, shadowed?: Set<string>): void {
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

  /** The relation(s) a column reference reads; [] for a select alias or a reference no relation has. */
  private resolve(parts: string[], scope: Scope, aliasesAllowed: boolean): Ref[] {
    if (parts.length === 1) return this.resolveColumn(parts[0], scope, aliasesAllowed);
    // t.col[.field...], schema.t.col, db.schema.t.col: the longest prefix naming a relation wins.
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      for (let n = Math.min(parts.length - 1, 3); n >= 1; n--) {
        const entry = s.entries.find((e) => matchesEntry(e, parts.slice(0, n)));
        if (!entry) continue;
        const column = parts[n];
        if (this.has(entry.rel, column) === "no") {
          this.missing.add(parts.slice(0, n + 1).join("."));
          return [];
        }
        return [{ rel: entry.rel, column }];
      }
    }
    // col.field: a struct column read through a field.
    const refs = this.resolveColumn(parts[0], scope, aliasesAllowed, true);
    if (refs.length > 0) return refs;
    this.missing.add(parts.join("."));
    return [];
  }

  private resolveColumn(column: string, scope: Scope, aliasesAllowed: boolean, quiet = false): Ref[] {
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      const yes = s.entries.filter((e) => this.has(e.rel, column) === "yes");
      if (yes.length === 1) return [{ rel: yes[0].rel, column }];
      if (yes.length > 1) {
        if (yes.every((e) => e.using.has(column))) return yes.map((e) => ({ rel: e.rel, column }));
        throw new Undecidable(`column \`${column}\` is in more than one relation (${yes.map(label).join(", ")})`);
      }
      if (aliasesAllowed && s === scope && s.aliases.has(column)) return [];
      const maybe = s.entries.filter((e) => this.has(e.rel, column) === "maybe");
      if (maybe.length === 1) return [{ rel: maybe[0].rel, column }];
      if (maybe.length > 1) {
        throw new Undecidable(
          `\`${column}\` could come from ${maybe.map(label).join(" or ")}, whose columns are not known`,
        );
      }
      // A bare relation name reads the whole row (to_json(t), struct of t).
      const row = s.entries.find((e) => e.alias === column);
      if (row) return [{ rel: row.rel, column: "*" }];
    }
    if (scope.aliases.has(column)) return [];
    if (!quiet) this.missing.add(column);
    return [];
  }

  // --- relations -----------------------------------------------------------------------------

  private has(rel: Rel, column: string): "yes" | "no" | "maybe" {
    if (rel.kind === "parent") return rel.columns === undefined ? "maybe" : rel.columns.has(column) ? "yes" : "no";
    if (rel.kind === "other") return "maybe";
    const shape = rel.shape;
    if (shape.explicit.has(column)) return "yes";
    let answer: "no" | "maybe" = "no";
    for (const star of shape.stars) {
      if (star.except.has(column)) continue;
      const inner = this.has(star.rel, column);
      if (inner === "yes") return "yes";
      if (inner === "maybe") answer = "maybe";
    }
    return answer;
  }

  private columnsOf(rel: Rel): string[] | undefined {
    if (rel.kind === "parent") return rel.columns ? [...rel.columns] : undefined;
    if (rel.kind === "other") return undefined;
    const out: string[] = [];
    for (const item of rel.shape.order) {
      if (typeof item === "string") {
        if (!out.includes(item)) out.push(item);
        continue;
      }
      const inner = this.columnsOf(item.rel);
      if (inner === undefined) return undefined;
      for (const c of inner) if (!item.except.has(c) && !out.includes(c)) out.push(c);
    }
    return out;
  }

  /** The wildcard sources a column of a query passes through (explicit columns have none). */
  private starsFor(shape: Shape, column: string): Star[] {
    const open = shape.stars.filter((s) => !s.except.has(column));
    const yes = open.filter((s) => this.has(s.rel, column) === "yes");
    const maybe = open.filter((s) => this.has(s.rel, column) === "maybe");
    if (shape.union) return [...yes, ...maybe];
    if (yes.length === 1) return yes;
    if (yes.length > 1) throw new Undecidable(`column \`${column}\` is in more than one relation`);
    if (maybe.length > 1) {
      throw new Undecidable(
        `\`${column}\` could come from ${maybe.map((s) => relLabel(s.rel)).join(" or ")} through select *, whose columns are not known`,
      );
    }
    return maybe;
  }

  /** Records what reading `column` of `rel` reads from the parents. */
  private demand(rel: Rel, column: string): void {
    if (rel.kind === "parent") {
      const columns = column === "*" && rel.columns ? [...rel.columns] : [column];
      let set = this.reads.get(rel.id);
      if (!set) this.reads.set(rel.id, (set = new Set()));
      for (const c of columns) set.add(c);
      return;
    }
    if (rel.kind === "other") return;
    // Explicit columns were read where they were computed; only wildcards pass a demand on.
    if (column === "*") {
      for (const star of rel.shape.stars) {
        const inner = this.columnsOf(star.rel);
        if (inner === undefined) this.demand(star.rel, "*");
        else for (const c of inner) if (!star.except.has(c)) this.demand(star.rel, c);
      }
      return;
    }
    if (rel.shape.explicit.has(column)) return;
    for (const star of this.starsFor(rel.shape, column)) this.demand(star.rel, column);
  }

  /** The parent columns a column of `rel` is computed from. */
  private trace(rel: Rel, column: string): ColumnSource[] {
    if (rel.kind === "parent") return [{ parent: rel.id, column }];
    if (rel.kind === "other") return [];
    const shape = rel.shape;
    if (column === "*") {
      const all = [...shape.explicit.values()].flat();
      return dedupe([...this.traceRefs(all), ...shape.stars.flatMap((s) => this.trace(s.rel, "*"))]);
    }
    if (shape.explicit.has(column)) return this.traceRefs(shape.explicit.get(column)!);
    return dedupe(this.starsFor(shape, column).flatMap((s) => this.trace(s.rel, column)));
  }

  private traceRefs(refs: Ref[]): ColumnSource[] {
    return dedupe(refs.flatMap((r) => this.trace(r.rel, r.column)));
  }
}

// --- AST helpers ---------------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A one-key enum variant as [variant, payload]; a bare string variant as [string, undefined]. */
function single(value: unknown): [string, unknown] {
  if (typeof value === "string") return [value, undefined];
  if (!isObject(value)) return ["", undefined];
  const key = Object.keys(value)[0];
  return [key, value[key]];
}

/** An identifier's name: unquoted names fold to lower case (SQL compares them case-insensitively). */
function identName(ident: unknown): string {
  if (!isObject(ident)) return "";
  const value = typeof ident.value === "string" ? ident.value : "";
  return value.toLowerCase();
}

/** Every identifier in an object name, an ident list or a wrapper, in order. */
function identsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(identsIn);
  if (!isObject(node)) return [];
  if (
    typeof node.value === "string" &&
    Object.keys(node).every((k) => k === "value" || k === "quote_style" || k === "span")
  )
    return [identName(node)];
  return Object.values(node).flatMap(identsIn);
}

function exprName(expr: unknown): string | undefined {
  if (!isObject(expr)) return undefined;
  if ("Identifier" in expr) return identName(expr.Identifier);
  if ("CompoundIdentifier" in expr) return identsIn(expr.CompoundIdentifier).slice(-1)[0];
  return undefined;
}

function functionArgExpr(arg: unknown): unknown {
  const [, inner] = single(arg);
  const [kind, expr] = single(isObject(inner) && "arg" in inner ? inner.arg : inner);
  return kind === "Expr" ? expr : undefined;
}

function matchesEntry(entry: Entry, parts: string[]): boolean {
  if (parts.length === 1 && entry.alias === parts[0]) return true;
  return (
    parts.length > 1 &&
    entry.names.length >= parts.length &&
    entry.names.slice(-parts.length).join(".") === parts.join(".")
  );
}

/** `alias(a, b)` column lists rename a relation's columns by position. */
function renameColumns(rel: Rel, columns: unknown): Rel {
  const names = Array.isArray(columns) ? columns.flatMap((c) => identsIn(isObject(c) && "name" in c ? c.name : c)) : [];
  if (names.length === 0) return rel;
  if (rel.kind !== "query") throw new Undecidable("column aliases on a table are not analysed");
  const order = rel.shape.order;
  if (order.some((o) => typeof o !== "string") || order.length !== names.length)
    throw new Undecidable("column aliases over select * are not analysed");
  const explicit = new Map<string, Ref[]>();
  names.forEach((name, i) => explicit.set(name, rel.shape.explicit.get(order[i] as string) ?? []));
  return { kind: "query", shape: { explicit, order: names, stars: [], union: false } };
}

function outputNames(rel: Rel): Set<string> {
  return new Set(rel.kind === "query" ? rel.shape.explicit.keys() : []);
}

function lowerSet(columns: string[] | undefined): Set<string> | undefined {
  return columns ? new Set(columns.map((c) => c.toLowerCase())) : undefined;
}

function label(entry: Entry): string {
  return entry.alias || relLabel(entry.rel);
}

function relLabel(rel: Rel): string {
  return rel.kind === "parent" ? rel.id : rel.kind === "other" ? rel.label : "a subquery";
}

function dedupe(sources: ColumnSource[]): ColumnSource[] {
  const seen = new Map<string, ColumnSource>();
  for (const s of sources) seen.set(`${s.parent}\u0000${s.column}`, s);
  return [...seen.values()].sort((a, b) =>
    a.parent === b.parent ? a.column.localeCompare(b.column) : a.parent.localeCompare(b.parent),
  );
}
