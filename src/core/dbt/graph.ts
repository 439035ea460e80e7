// The lineage graph every dbt feature works on: note nodes (models, sources, seeds, snapshots) and
// their parent/child edges, whether read from a manifest, a project folder or the model notes.

import type { NodeColumns } from "./model-note-columns";

/** The dbt resource types that get a note and take part in lineage: the one list of them. */
export const LINEAGE_RESOURCE_TYPES = ["model", "source", "seed", "snapshot"] as const;

export type LineageResourceType = (typeof LINEAGE_RESOURCE_TYPES)[number];

export function isLineageResourceType(value: unknown): value is LineageResourceType {
  return typeof value === "string" && (LINEAGE_RESOURCE_TYPES as readonly string[]).includes(value);
}

export type ConfigValue = string | number | boolean | null | ConfigValue[] | { [key: string]: ConfigValue };

export interface LineageNode {
  uniqueId: string;
  /** Model, seed or snapshot name; for a source, the table name (dbt's `name`). */
  name: string;
  resourceType: LineageResourceType;
  packageName: string;
  /** original_file_path, relative to the dbt project. */
  path: string;
  /** Vault path of the node's note ("" when the graph was not built for a vault). */
  notePath: string;
  tags: string[];
  fqn: string[];
  config: Record<string, ConfigValue>;
  description: string;
  /** Sources only: the `source_name` of `source('source_name', 'table')`. */
  sourceName?: string;
  /** Versioned models only. */
  version?: string;
  /** Which parent columns its compiled SQL reads and what its columns are computed from (models with SQL). */
  columns?: NodeColumns;
}

export interface LineageGraph {
  nodes: Map<string, LineageNode>;
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
}

/** Builds a graph from nodes and parent edges; edges to unknown nodes are dropped, lists are sorted. */
export function buildGraph(nodes: Iterable<LineageNode>, parentsOf: (id: string) => Iterable<string>): LineageGraph {
  const graph: LineageGraph = { nodes: new Map(), parents: new Map(), children: new Map() };
  for (const node of nodes) {
    graph.nodes.set(node.uniqueId, node);
    graph.parents.set(node.uniqueId, []);
    graph.children.set(node.uniqueId, []);
  }
  for (const id of graph.nodes.keys()) {
    const seen = new Set<string>();
    for (const parent of parentsOf(id)) {
      if (parent === id || seen.has(parent) || !graph.nodes.has(parent)) continue;
      seen.add(parent);
      graph.parents.get(id)!.push(parent);
      graph.children.get(parent)!.push(id);
    }
  }
  for (const list of graph.parents.values()) list.sort();
  for (const list of graph.children.values()) list.sort();
  return graph;
}

/** Ancestors (or descendants) grouped by distance: [[parents], [grandparents], ...], each sorted. */
export function lineageByDepth(
  graph: LineageGraph,
  id: string,
  direction: "upstream" | "downstream",
  maxDepth = Infinity,
): string[][] {
  const edges = direction === "upstream" ? graph.parents : graph.children;
  const seen = new Set([id]);
  const levels: string[][] = [];
  let frontier = [id];
  while (frontier.length > 0 && levels.length < maxDepth) {
    const next: string[] = [];
    for (const current of frontier) {
      for (const neighbour of edges.get(current) ?? []) {
        if (!seen.has(neighbour)) {
          seen.add(neighbour);
          next.push(neighbour);
        }
      }
    }
    if (next.length === 0) break;
    levels.push(next.sort());
    frontier = next;
  }
  return levels;
}

/** The node whose note is at `notePath`, if any. */
export function nodeByNotePath(graph: LineageGraph, notePath: string): LineageNode | undefined {
  for (const node of graph.nodes.values()) if (node.notePath === notePath) return node;
  return undefined;
}
