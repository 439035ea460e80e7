// dbt's node selection syntax over a LineageGraph: graph operators (+, n+, +n, @), space = union,
// comma = intersection, exclude, and the methods tag, path, file, fqn, source, resource_type,
// package, config.<key>. Semantics follow dbt-core's graph/selector_methods.py.

import { UserError } from "../errors";
import { fnmatch, globMatchesSegments, hasWildcard } from "./fnmatch";
import { walk, type ConfigValue, type LineageGraph, type LineageNode } from "./graph";

const METHODS = ["tag", "path", "file", "fqn", "source", "resource_type", "package", "config"] as const;
type Method = (typeof METHODS)[number];

export interface SelectionCriterion {
  raw: string;
  method: Method;
  /** config.<key> path for the config method. */
  args: string[];
  value: string;
  childrensParents: boolean;
  parents: boolean;
  parentsDepth?: number;
  children: boolean;
  childrenDepth?: number;
}

// dbt-core's RAW_SELECTOR_PATTERN.
const RAW_SELECTOR = /^(@)?((\d*)\+)?(?:([\w.]+):)?(.*?)(\+(\d*))?$/s;

export function parseCriterion(raw: string): SelectionCriterion {
  const match = RAW_SELECTOR.exec(raw);
  if (!match) throw badToken(raw, "is not a valid selector");
  const [, at, parentsPart, parentsDepth, methodText, value, childrenPart, childrenDepth] = match;
  if (at && parentsPart) throw badToken(raw, "combines @ and a leading +", "Use either @model or +model");
  if (!value) throw badToken(raw, "has no value to select", "Write a model name or method:value, e.g. tag:nightly");
  let method: Method;
  let args: string[] = [];
  if (methodText === undefined) method = defaultMethod(value);
  else {
    const [name, ...rest] = methodText.split(".");
    if (!(METHODS as readonly string[]).includes(name)) {
      throw badToken(raw, `uses the unknown selection method "${name}"`, `Known methods: ${METHODS.join(", ")}`);
    }
    method = name as Method;
    args = rest;
    if (method === "config" && (args.length === 0 || args.some((a) => a === ""))) {
      throw badToken(raw, "needs a config key", "Write config.<key>:<value>, e.g. config.materialized:incremental");
    }
    if (method !== "config" && args.length > 0) throw badToken(raw, `gives "${name}" arguments it does not take`);
  }
  if (method === "source" && value.split(".").length > 3) {
    throw badToken(raw, "has too many parts for source:", "Write source:name, source:name.table or source:package.name.table");
  }
  return {
    raw,
    method,
    args,
    value,
    childrensParents: Boolean(at),
    parents: Boolean(parentsPart),
    parentsDepth: parentsDepth ? Number(parentsDepth) : undefined,
    children: Boolean(childrenPart),
    childrenDepth: childrenDepth ? Number(childrenDepth) : undefined,
  };
}

function badToken(token: string, problem: string, hint = "Check dbt's node selection syntax"): UserError {
  return new UserError(`Selector "${token}" ${problem}`, { token }, hint);
}

/** dbt picks `path` for values with a slash, `file` for file names, `fqn` otherwise. */
function defaultMethod(value: string): Method {
  if (value.includes("/") || value.includes("\\")) return "path";
  if (/\.(sql|py|csv)$/i.test(value)) return "file";
  return "fqn";
}

/** Parses "a b,c" into a union of intersections; throws a UserError naming the bad token. */
export function parseSelector(selector: string): SelectionCriterion[][] {
  const atoms = selector.trim().split(/\s+/).filter((a) => a !== "");
  if (atoms.length === 0) throw new UserError("The selector is empty", { token: selector }, "Write a model name or method:value");
  return atoms.map((atom) => {
    const parts = atom.split(",");
    if (parts.some((p) => p === "")) throw badToken(atom, "has an empty part around a comma");
    return parts.map(parseCriterion);
  });
}

/** Unique ids selected by `selector` minus those selected by `exclude`, sorted. */
export function selectNodes(graph: LineageGraph, selector: string, exclude?: string): string[] {
  const selected = evaluate(graph, parseSelector(selector));
  if (exclude !== undefined && exclude.trim() !== "") {
    for (const id of evaluate(graph, parseSelector(exclude))) selected.delete(id);
  }
  return [...selected].sort();
}

function evaluate(graph: LineageGraph, union: SelectionCriterion[][]): Set<string> {
  const result = new Set<string>();
  for (const intersection of union) {
    let current: Set<string> | undefined;
    for (const criterion of intersection) {
      const ids = selectCriterion(graph, criterion);
      current = current === undefined ? ids : new Set([...current].filter((id) => ids.has(id)));
    }
    for (const id of current ?? []) result.add(id);
  }
  return result;
}

function selectCriterion(graph: LineageGraph, criterion: SelectionCriterion): Set<string> {
  const direct = new Set<string>();
  const matches = matcher(criterion);
  for (const node of graph.nodes.values()) if (matches(node)) direct.add(node.uniqueId);
  const result = new Set(direct);
  if (criterion.childrensParents) {
    const descendants = walk(graph.children, direct);
    for (const id of descendants) result.add(id);
    for (const id of walk(graph.parents, result)) result.add(id);
    return result;
  }
  if (criterion.parents) for (const id of walk(graph.parents, direct, criterion.parentsDepth)) result.add(id);
  if (criterion.children) for (const id of walk(graph.children, direct, criterion.childrenDepth)) result.add(id);
  return result;
}

/** The criterion's test for one node; selector text is split and normalized once, not once per node. */
function matcher(c: SelectionCriterion): (node: LineageNode) => boolean {
  switch (c.method) {
    case "fqn": {
      const parts = c.value.split(".");
      return (node) => fqnMatches(node, c.value, parts);
    }
    case "tag":
      return (node) => node.tags.some((tag) => fnmatch(tag, c.value));
    case "path": {
      const pattern = c.value.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
      const parts = pattern.split("/");
      return (node) => pathMatches(node.path, parts);
    }
    case "file":
      return (node) => {
        const file = node.path.slice(node.path.lastIndexOf("/") + 1);
        return fnmatch(file, c.value) || fnmatch(file.replace(/\.[^.]*$/, ""), c.value);
      };
    case "resource_type":
      return (node) => node.resourceType === c.value;
    case "package":
      return (node) => fnmatch(node.packageName, c.value);
    case "source":
      return (node) => sourceMatches(node, c.value);
    case "config":
      return (node) => configMatches(node.config, c.args, c.value);
  }
}

/** dbt's is_selected_node: the leaf name, or a dotted prefix of the fqn, wildcards slurping the rest. */
function fqnMatches(node: LineageNode, selector: string, parts: string[]): boolean {
  const fqn = node.fqn;
  if (node.version !== undefined && fqn.length >= 2) {
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join("_") === parts.slice(-2).join("_")) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  // Segments are split on dots only when one holds a dot (rare), so most nodes allocate nothing here.
  const flat = fqn.some((segment) => segment.includes(".")) ? fqn.flatMap((segment) => segment.split(".")) : fqn;
  if (flat.length < parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    if (hasWildcard(parts[i])) return fnmatch(flat.slice(i).join("."), parts.slice(i).join("."));
    if (flat[i] !== parts[i]) return false;
  }
  return true;
}

/** dbt globs the selector on disk and keeps nodes whose file or any parent folder is among the hits. */
function pathMatches(path: string, parts: string[]): boolean {
  const segments = path.split("/");
  for (let n = segments.length; n >= 1; n--) {
    if (globMatchesSegments(segments.slice(0, n), parts)) return true;
  }
  return false;
}

function sourceMatches(node: LineageNode, selector: string): boolean {
  if (node.resourceType !== "source") return false;
  const parts = selector.split(".");
  const [pkg, source, table] = parts.length === 3 ? parts : ["*", parts[0], parts[1] ?? "*"];
  const sourceName = node.sourceName ?? node.fqn[node.fqn.length - 2] ?? "";
  return fnmatch(node.packageName, pkg) && fnmatch(sourceName, source) && fnmatch(node.name, table);
}

/** dbt compares config values as text; a list matches when one element does. */
function configMatches(config: Record<string, ConfigValue>, keys: string[], selector: string): boolean {
  let value: ConfigValue | undefined = config;
  for (const key of keys) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    value = value[key];
  }
  if (value === undefined || value === null) return false;
  const same = (v: ConfigValue): boolean =>
    typeof v === "boolean" ? String(v) === selector.toLowerCase() : (typeof v === "string" || typeof v === "number") && String(v) === selector;
  return Array.isArray(value) ? value.some(same) : same(value);
}
