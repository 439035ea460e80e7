// dbt's node selection syntax over a LineageGraph: graph operators (+, n+, +n, @), space = union,
// comma = intersection, exclude, and the methods tag, path, file, fqn, source, resource_type,
// package, config.<key>. Semantics follow dbt-core's graph/selector_methods.py. One decp extension:
// column:<model>.<column> selects the models whose compiled SQL reads that column, directly or
// through a column computed from it (column-impact.ts).

import { UserError } from "../errors";
import { modelsReadingColumn } from "./column-impact";
import { fnmatch, fnmatcher, hasWildcard, segmentGlob } from "./fnmatch";
import type { ConfigValue, LineageGraph, LineageNode } from "./graph";
import { graphIndex, spreadMask, type GraphIndex } from "./graph-index";

const METHODS = ["tag", "path", "file", "fqn", "source", "resource_type", "package", "config", "column"] as const;
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
  if (method === "column" && !/.\../.test(value)) {
    throw badToken(
      raw,
      "needs a model and a column",
      "Write column:<model>.<column>, e.g. column:dim_customers.segment",
    );
  }
  if (method === "source" && value.split(".").length > 3) {
    throw badToken(
      raw,
      "has too many parts for source:",
      "Write source:name, source:name.table or source:package.name.table",
    );
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
  const atoms = selector
    .trim()
    .split(/\s+/)
    .filter((a) => a !== "");
  if (atoms.length === 0)
    throw new UserError("The selector is empty", { token: selector }, "Write a model name or method:value");
  return atoms.map((atom) => {
    const parts = atom.split(",");
    if (parts.some((p) => p === "")) throw badToken(atom, "has an empty part around a comma");
    return parts.map(parseCriterion);
  });
}

/** Unique ids selected by `selector` minus those selected by `exclude`, sorted. */
export function selectNodes(graph: LineageGraph, selector: string, exclude?: string): string[] {
  const index = graphIndex(graph);
  const selected = evaluate(graph, index, parseSelector(selector));
  if (exclude !== undefined && exclude.trim() !== "") {
    const excluded = evaluate(graph, index, parseSelector(exclude));
    for (let i = 0; i < selected.length; i++) if (excluded[i]) selected[i] = 0;
  }
  const ids: string[] = [];
  for (let i = 0; i < selected.length; i++) if (selected[i]) ids.push(index.ids[i]);
  return ids;
}

const hasGraphOperator = (c: SelectionCriterion): boolean => c.childrensParents || c.parents || c.children;

/** Masks over the index; an intersection tests later plain criteria only on the nodes still selected. */
function evaluate(graph: LineageGraph, index: GraphIndex, union: SelectionCriterion[][]): Uint8Array {
  const result = new Uint8Array(index.ids.length);
  for (const intersection of union) {
    // Criteria with graph operators need the whole graph; run them first, then narrow with the rest.
    const ordered = [...intersection.filter(hasGraphOperator), ...intersection.filter((c) => !hasGraphOperator(c))];
    let current: Uint8Array | undefined;
    for (const criterion of ordered) {
      if (current === undefined) current = selectCriterion(graph, index, criterion);
      else if (hasGraphOperator(criterion)) {
        const ids = selectCriterion(graph, index, criterion);
        for (let i = 0; i < current.length; i++) current[i] &= ids[i];
      } else {
        const matches = matcher(graph, index, criterion);
        for (let i = 0; i < current.length; i++) if (current[i] && !matches(i)) current[i] = 0;
      }
    }
    if (current) for (let i = 0; i < result.length; i++) result[i] |= current[i];
  }
  return result;
}

function selectCriterion(graph: LineageGraph, index: GraphIndex, criterion: SelectionCriterion): Uint8Array {
  const mask = new Uint8Array(index.ids.length);
  const matches = matcher(graph, index, criterion);
  for (let i = 0; i < mask.length; i++) if (matches(i)) mask[i] = 1;
  if (criterion.childrensParents) {
    spreadMask(mask, index.children);
    spreadMask(mask, index.parents);
    return mask;
  }
  if (criterion.parents && criterion.children) {
    const up = mask.slice();
    spreadMask(up, index.parents, criterion.parentsDepth);
    spreadMask(mask, index.children, criterion.childrenDepth);
    for (let i = 0; i < mask.length; i++) mask[i] |= up[i];
    return mask;
  }
  if (criterion.parents) spreadMask(mask, index.parents, criterion.parentsDepth);
  if (criterion.children) spreadMask(mask, index.children, criterion.childrenDepth);
  return mask;
}

/** The criterion's test for node `i`; selector text is split and compiled once, per-node fields come from the index. */
function matcher(graph: LineageGraph, index: GraphIndex, c: SelectionCriterion): (i: number) => boolean {
  const nodes = index.nodes;
  switch (c.method) {
    case "column": {
      const readers = new Set(modelsReadingColumn(graph, c.value));
      return (i) => readers.has(index.ids[i]);
    }
    case "fqn": {
      const parts = c.value.split(".");
      const wildcardAt = parts.findIndex(hasWildcard);
      const rest = wildcardAt < 0 ? undefined : fnmatcher(parts.slice(wildcardAt).join("."));
      return (i) => fqnMatches(nodes[i], () => index.flatFqn(i), c.value, parts, wildcardAt, rest);
    }
    case "tag": {
      const matches = fnmatcher(c.value);
      return (i) => nodes[i].tags.some(matches);
    }
    case "path": {
      const pattern = c.value.replace(/\\/g, "/").replace(/^\.\//, "").replace(/\/+$/, "");
      const parts = pattern.split("/");
      const glob = segmentGlob(parts);
      // Without "**" a pattern matches exactly as many segments as it has, so only that prefix can match.
      const spans = parts.includes("**");
      return (i) => {
        const segments = index.pathSegments[i];
        if (!spans) return parts.length <= segments.length && glob(segments, parts.length);
        for (let n = segments.length; n >= 1; n--) if (glob(segments, n)) return true;
        return false;
      };
    }
    case "file": {
      const matches = fnmatcher(c.value);
      return (i) => {
        const path = nodes[i].path;
        const file = path.slice(path.lastIndexOf("/") + 1);
        return matches(file) || matches(file.replace(/\.[^.]*$/, ""));
      };
    }
    case "resource_type":
      return (i) => nodes[i].resourceType === c.value;
    case "package": {
      const matches = fnmatcher(c.value);
      return (i) => matches(nodes[i].packageName);
    }
    case "source":
      return (i) => sourceMatches(nodes[i], c.value);
    case "config":
      return (i) => configMatches(nodes[i].config, c.args, c.value);
  }
}

/** dbt's is_selected_node: the leaf name, or a dotted prefix of the fqn, wildcards slurping the rest. */
function fqnMatches(
  node: LineageNode,
  flatOf: () => string[],
  selector: string,
  parts: string[],
  wildcardAt: number,
  rest?: (name: string) => boolean,
): boolean {
  const fqn = node.fqn;
  if (node.version !== undefined && fqn.length >= 2) {
    if (fqn[fqn.length - 2] === selector) return true;
    if (fqn.slice(-2).join("_") === parts.slice(-2).join("_")) return true;
  } else if (fqn[fqn.length - 1] === selector) return true;
  const flat = flatOf();
  if (flat.length < parts.length) return false;
  const fixed = wildcardAt < 0 ? parts.length : wildcardAt;
  for (let i = 0; i < fixed; i++) if (flat[i] !== parts[i]) return false;
  return rest === undefined || rest(flat.slice(wildcardAt).join("."));
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
    typeof v === "boolean"
      ? String(v) === selector.toLowerCase()
      : (typeof v === "string" || typeof v === "number") && String(v) === selector;
  return Array.isArray(value) ? value.some(same) : same(value);
}
