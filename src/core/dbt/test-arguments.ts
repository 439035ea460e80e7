// What a generic test checks beyond its column, read the same way from a manifest's
// test_metadata.kwargs and from a schema YAML entry: the columns of unique_combination_of_columns (a
// grain), a relationships target, accepted values, an expression.

import type { TestInfo } from "./project";

type Json = Record<string, unknown>;

/** `ref('stg_customers')` -> `stg_customers`; `source('shop', 'orders')` -> `shop.orders`; else as written. */
function refTarget(to: string): string {
  const call = /^\s*(ref|source)\s*\(\s*(.*?)\s*\)\s*$/.exec(to);
  if (!call) return to.trim();
  const args = [...call[2].matchAll(/['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return call[1] === "source" ? args.join(".") : (args[args.length - 1] ?? to.trim());
}

function oneLine(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value).replace(/\s+/g, " ").trim()
    : "";
}

export function testArguments(kind: string, args: Json): Pick<TestInfo, "columns" | "detail"> {
  switch (kind) {
    case "unique_combination_of_columns": {
      const columns = Array.isArray(args.combination_of_columns)
        ? args.combination_of_columns.map(oneLine).filter(Boolean)
        : [];
      return columns.length > 0 ? { columns } : {};
    }
    case "relationships": {
      const to = oneLine(args.to);
      const field = oneLine(args.field);
      return to ? { detail: field ? `${refTarget(to)}.${field}` : refTarget(to) } : {};
    }
    case "accepted_values": {
      const values = Array.isArray(args.values) ? args.values.map(oneLine) : [];
      return values.length > 0 ? { detail: values.join(", ") } : {};
    }
    case "expression_is_true": {
      const expression = oneLine(args.expression);
      return expression ? { detail: expression } : {};
    }
    default:
      return {};
  }
}
