// Reading sqlparser-rs's AST as the WASM hands it over: plain objects, enums as one-key objects
// (serde's external tagging), identifiers as { value, quote_style, span }. Spans carry positions
// only, so every reader here skips them. These run for every node of every model's SQL: no copies.

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A one-key enum variant as [variant, payload]; a bare string variant as [string, undefined]. */
export function single(value: unknown): [string, unknown] {
  if (typeof value === "string") return [value, undefined];
  if (!isObject(value)) return ["", undefined];
  const key = Object.keys(value)[0];
  return [key, value[key]];
}

/** An identifier's name: unquoted names fold to lower case (SQL compares them case-insensitively). */
export function identName(ident: unknown): string {
  if (!isObject(ident)) return "";
  const value = typeof ident.value === "string" ? ident.value : "";
  return value.toLowerCase();
}

/** Every identifier in an object name, an ident list or a wrapper, in order. */
export function identsIn(node: unknown, out: string[] = []): string[] {
  if (typeof node !== "object" || node === null) return out;
  if (Array.isArray(node)) {
    for (const item of node) identsIn(item, out);
    return out;
  }
  const object = node as Json;
  if (isIdent(object)) {
    out.push(identName(object));
    return out;
  }
  for (const key in object) if (key !== "span") identsIn(object[key], out);
  return out;
}

function isIdent(node: Json): boolean {
  if (typeof node.value !== "string") return false;
  for (const key in node) if (key !== "value" && key !== "quote_style" && key !== "span") return false;
  return true;
}

/** The name a bare or qualified column reference gives its output column. */
export function exprName(expr: unknown): string | undefined {
  if (!isObject(expr)) return undefined;
  if ("Identifier" in expr) return identName(expr.Identifier);
  if ("CompoundIdentifier" in expr) return identsIn(expr.CompoundIdentifier).slice(-1)[0];
  return undefined;
}

/** A function argument's expression (named or not); undefined for a wildcard argument. */
export function functionArgExpr(arg: unknown): unknown {
  const [, inner] = single(arg);
  const [kind, expr] = single(isObject(inner) && "arg" in inner ? inner.arg : inner);
  return kind === "Expr" ? expr : undefined;
}

/** The names of a table alias's column list, `t(a, b)`. */
export function aliasColumnNames(columns: unknown): string[] {
  const names: string[] = [];
  if (Array.isArray(columns)) for (const c of columns) identsIn(isObject(c) && "name" in c ? c.name : c, names);
  return names;
}
