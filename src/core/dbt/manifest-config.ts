// A node's config as decp keeps it (manifest, schema.yml and dbt_project.yml alike): nulls and empty
// containers dropped, so `config.<key>:` selectors meet only keys that say something.

import { UserError } from "../errors";
import type { ConfigValue } from "./graph";

/** Deeper config than this is not a dbt config; writing it as YAML would overflow the stack. */
const MAX_CONFIG_DEPTH = 32;

/** Config without nulls and empty containers: the keys a `config.<key>:` selector can meet. */
export function cleanConfig(config: unknown, node = "a node", depth = 0): Record<string, ConfigValue> {
  const out: Record<string, ConfigValue> = {};
  if (!isObject(config)) return out;
  for (const [key, value] of Object.entries(config)) {
    const clean = cleanValue(value, node, depth + 1);
    if (clean !== undefined) out[key] = clean;
  }
  return out;
}

function cleanValue(value: unknown, node: string, depth: number): ConfigValue | undefined {
  if (depth > MAX_CONFIG_DEPTH)
    throw new UserError(
      `The config of ${node} is nested more than ${MAX_CONFIG_DEPTH} levels deep`,
      { token: node },
      "Nothing was written; check the manifest (dbt never writes such a config)",
    );
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => cleanValue(v, node, depth + 1)).filter((v): v is ConfigValue => v !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isObject(value)) {
    const inner = cleanConfig(value, node, depth);
    return Object.keys(inner).length > 0 ? inner : undefined;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
