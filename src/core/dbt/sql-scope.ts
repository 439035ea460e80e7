// Scopes and relations of one SELECT: what a column name in the SQL refers to (the relations of its
// FROM clause, then the enclosing query's), and what reading a column of a relation reads from the
// parents: a parent's column itself, or through a subquery's or CTE's computed column or `select *`
// passthrough. The walker over the AST (sql-columns.ts) builds the scopes and asks these questions.

/** A column of a parent relation; column "*" means every column (their names are not known). */
export interface ColumnSource {
  parent: string;
  column: string;
}

export type Rel =
  | { kind: "parent"; id: string; columns: Set<string> | undefined; list: string[] | undefined }
  | { kind: "other"; label: string }
  | { kind: "query"; shape: Shape };

export interface Star {
  rel: Rel;
  except: Set<string>;
}

export interface Shape {
  /** Output name -> the references its expression reads. */
  explicit: Map<string, Ref[]>;
  /** Output order: explicit names and wildcard passthroughs. */
  order: (string | Star)[];
  stars: Star[];
  /** A set operation: a column passes through from every branch that has it. */
  union: boolean;
}

export interface Ref {
  rel: Rel;
  column: string;
}

export interface Entry {
  alias: string;
  /** Table name parts for `schema.table.column` references. */
  names: string[];
  rel: Rel;
  using: Set<string>;
}

export interface Scope {
  entries: Entry[];
  outer: Scope | undefined;
  ctes: Map<string, Rel>;
  /** Output aliases of the SELECT, usable in GROUP BY, HAVING, QUALIFY, ORDER BY. */
  aliases: Set<string>;
}

// Shared empty answers (never changed): most lookups find one relation or none.
const NO_REFS: readonly Ref[] = [];
const NO_STARS: readonly Star[] = [];

/** What the analysis cannot decide without guessing; its message is the model's "unknown" reason. */
export class Undecidable extends Error {}

/** The reads of one statement as the walker finds them: parent columns read, references nothing provides. */
export class ColumnReads {
  readonly reads = new Map<string, Set<string>>();
  readonly missing = new Set<string>();

  /** The statement's output columns with the parent columns each is computed from; wildcards read what they pass on. */
  outputs(rel: Rel): { name: string; sources: ColumnSource[] }[] {
    const outputs: { name: string; sources: ColumnSource[] }[] = [];
    const shape = rel.kind === "query" ? rel.shape : undefined;
    for (const item of shape?.order ?? []) {
      if (typeof item === "string") {
        outputs.push({ name: item, sources: this.traceRefs(shape!.explicit.get(item) ?? []) });
        continue;
      }
      const columns = columnsOf(item.rel);
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
    return outputs;
  }

  /** The relation(s) a column reference reads; none for a select alias or a reference no relation has. */
  resolve(parts: string[], scope: Scope, aliasesAllowed: boolean): readonly Ref[] {
    if (parts.length === 1) return this.resolveColumn(parts[0], scope, aliasesAllowed);
    // t.col[.field...], schema.t.col, db.schema.t.col: the longest prefix naming a relation wins.
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      for (let n = Math.min(parts.length - 1, 3); n >= 1; n--) {
        const entry = s.entries.find((e) => matchesEntry(e, parts, n));
        if (!entry) continue;
        const column = parts[n];
        if (has(entry.rel, column) === "no") {
          this.missing.add(parts.slice(0, n + 1).join("."));
          return NO_REFS;
        }
        return [{ rel: entry.rel, column }];
      }
    }
    // col.field: a struct column read through a field.
    const refs = this.resolveColumn(parts[0], scope, aliasesAllowed, true);
    if (refs.length > 0) return refs;
    this.missing.add(parts.join("."));
    return NO_REFS;
  }

  // Most references name one column of one relation: count first, list only to say what is ambiguous.
  private resolveColumn(column: string, scope: Scope, aliasesAllowed: boolean, quiet = false): readonly Ref[] {
    for (let s: Scope | undefined = scope; s; s = s.outer) {
      let yes: Entry | undefined;
      let maybe: Entry | undefined;
      let yesCount = 0;
      let maybeCount = 0;
      for (const entry of s.entries) {
        const answer = has(entry.rel, column);
        if (answer === "yes") {
          yes ??= entry;
          yesCount++;
        } else if (answer === "maybe") {
          maybe ??= entry;
          maybeCount++;
        }
      }
      if (yesCount === 1) return [{ rel: yes!.rel, column }];
      if (yesCount > 1) {
        const all = s.entries.filter((e) => has(e.rel, column) === "yes");
        if (all.every((e) => e.using.has(column))) return all.map((e) => ({ rel: e.rel, column }));
        throw new Undecidable(`column \`${column}\` is in more than one relation (${all.map(entryLabel).join(", ")})`);
      }
      if (aliasesAllowed && s === scope && s.aliases.has(column)) return NO_REFS;
      if (maybeCount === 1) return [{ rel: maybe!.rel, column }];
      if (maybeCount > 1) {
        const all = s.entries.filter((e) => has(e.rel, column) === "maybe");
        throw new Undecidable(
          `\`${column}\` could come from ${all.map(entryLabel).join(" or ")}, whose columns are not known`,
        );
      }
      // A bare relation name reads the whole row (to_json(t), struct of t).
      const row = s.entries.find((e) => e.alias === column);
      if (row) return [{ rel: row.rel, column: "*" }];
    }
    if (scope.aliases.has(column)) return NO_REFS;
    if (!quiet) this.missing.add(column);
    return NO_REFS;
  }

  /** Records what reading `column` of `rel` reads from the parents. */
  demand(rel: Rel, column: string): void {
    if (rel.kind === "parent") {
      let set = this.reads.get(rel.id);
      if (!set) this.reads.set(rel.id, (set = new Set()));
      if (column === "*" && rel.list) for (const c of rel.list) set.add(c);
      else set.add(column);
      return;
    }
    if (rel.kind === "other") return;
    // Explicit columns were read where they were computed; only wildcards pass a demand on.
    if (column === "*") {
      for (const star of rel.shape.stars) {
        const inner = columnsOf(star.rel);
        if (inner === undefined) this.demand(star.rel, "*");
        else for (const c of inner) if (!star.except.has(c)) this.demand(star.rel, c);
      }
      return;
    }
    if (rel.shape.explicit.has(column)) return;
    for (const star of starsFor(rel.shape, column)) this.demand(star.rel, column);
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
    const explicit = shape.explicit.get(column);
    if (explicit) return this.traceRefs(explicit);
    return dedupe(starsFor(shape, column).flatMap((s) => this.trace(s.rel, column)));
  }

  private traceRefs(refs: Ref[]): ColumnSource[] {
    if (refs.length === 1) return dedupe(this.trace(refs[0].rel, refs[0].column));
    return dedupe(refs.flatMap((r) => this.trace(r.rel, r.column)));
  }
}

/** Whether a relation has a column: "maybe" when its columns are not known by name. */
export function has(rel: Rel, column: string): "yes" | "no" | "maybe" {
  if (rel.kind === "parent") return rel.columns === undefined ? "maybe" : rel.columns.has(column) ? "yes" : "no";
  if (rel.kind === "other") return "maybe";
  const shape = rel.shape;
  if (shape.explicit.has(column)) return "yes";
  let answer: "no" | "maybe" = "no";
  for (const star of shape.stars) {
    if (star.except.has(column)) continue;
    const inner = has(star.rel, column);
    if (inner === "yes") return "yes";
    if (inner === "maybe") answer = "maybe";
  }
  return answer;
}

/** A relation's columns in order, when all are known by name (callers must not change the list). */
export function columnsOf(rel: Rel): string[] | undefined {
  if (rel.kind === "parent") return rel.list;
  if (rel.kind === "other") return undefined;
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (column: string): void => {
    if (seen.has(column)) return;
    seen.add(column);
    out.push(column);
  };
  for (const item of rel.shape.order) {
    if (typeof item === "string") {
      add(item);
      continue;
    }
    const inner = columnsOf(item.rel);
    if (inner === undefined) return undefined;
    for (const c of inner) if (!item.except.has(c)) add(c);
  }
  return out;
}

/** The wildcard sources a column of a query passes through (explicit columns have none). */
function starsFor(shape: Shape, column: string): readonly Star[] {
  if (shape.stars.length === 0) return NO_STARS;
  const yes: Star[] = [];
  const maybe: Star[] = [];
  for (const star of shape.stars) {
    if (star.except.has(column)) continue;
    const answer = has(star.rel, column);
    if (answer === "yes") yes.push(star);
    else if (answer === "maybe") maybe.push(star);
  }
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

/** Whether the first `n` parts of a reference name this FROM entry: its alias, or the last parts of its table name. */
export function matchesEntry(entry: Entry, parts: string[], n = parts.length): boolean {
  if (n === 1 && entry.alias === parts[0]) return true;
  if (n < 2 || entry.names.length < n) return false;
  const offset = entry.names.length - n;
  for (let i = 0; i < n; i++) if (entry.names[offset + i] !== parts[i]) return false;
  return true;
}

/** `alias(a, b)` column lists rename a relation's columns by position. */
export function renameColumns(rel: Rel, names: string[]): Rel {
  if (names.length === 0) return rel;
  if (rel.kind !== "query") throw new Undecidable("column aliases on a table are not analysed");
  const order = rel.shape.order;
  if (order.some((o) => typeof o !== "string") || order.length !== names.length)
    throw new Undecidable("column aliases over select * are not analysed");
  const explicit = new Map<string, Ref[]>();
  names.forEach((name, i) => explicit.set(name, rel.shape.explicit.get(order[i] as string) ?? []));
  return { kind: "query", shape: { explicit, order: names, stars: [], union: false } };
}

export function outputNames(rel: Rel): Set<string> {
  return new Set(rel.kind === "query" ? rel.shape.explicit.keys() : []);
}

function entryLabel(entry: Entry): string {
  return entry.alias || relLabel(entry.rel);
}

function relLabel(rel: Rel): string {
  return rel.kind === "parent" ? rel.id : rel.kind === "other" ? rel.label : "a subquery";
}

let collator: Intl.Collator | undefined;

/** String#localeCompare's order (the default collation), without looking the collation up on every call. */
export function localeOrder(a: string, b: string): number {
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}

function dedupe(sources: ColumnSource[]): ColumnSource[] {
  if (sources.length <= 1) return sources;
  const seen = new Map<string, ColumnSource>();
  for (const s of sources) seen.set(`${s.parent}\u0000${s.column}`, s);
  return [...seen.values()].sort((a, b) =>
    a.parent === b.parent ? localeOrder(a.column, b.column) : localeOrder(a.parent, b.parent),
  );
}
