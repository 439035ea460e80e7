// A LineageGraph as dense index arrays, built once per graph and cached, so selection runs as
// linear passes over byte masks instead of string Sets. Index order is the sorted unique_id order,
// so reading a mask front to back yields a sorted selection with no sort.

import type { LineageGraph, LineageNode } from "./graph";
import { memoPerGraph } from "./graph-memo";

export interface GraphIndex {
  ids: string[];
  nodes: LineageNode[];
  parents: number[][];
  children: number[][];
  /** node.path split at "/" (what path: matching works on). */
  pathSegments: string[][];
  /** fqn with dotted segments split (what fqn: wildcards match). */
  flatFqn: string[][];
}

const indexes = memoPerGraph(buildIndex);

export function graphIndex(graph: LineageGraph): GraphIndex {
  return indexes.get(graph);
}

/**
 * Hands over the index of a graph whose edges are already positions (a saved lineage): `order` lists
 * the graph's nodes, as positions in its `nodes` map, sorted by unique_id; `parents` and `children` are
 * edge lists by those same map positions, each sorted.
 */
export function primeGraphIndex(graph: LineageGraph, order: number[], parents: number[][], children: number[][]): void {
  const inMap = [...graph.nodes.values()];
  const rank = new Array<number>(inMap.length);
  order.forEach((at, i) => (rank[at] = i));
  const remap = (lists: number[][]) => order.map((at) => lists[at].map((other) => rank[other]));
  const nodes = order.map((at) => inMap[at]);
  const index = withSegments(
    nodes.map((node) => node.uniqueId),
    nodes,
    remap(parents),
    remap(children),
  );
  indexes.set(graph, index);
}

function buildIndex(graph: LineageGraph): GraphIndex {
  const ids = [...graph.nodes.keys()].sort();
  const position = new Map<string, number>();
  ids.forEach((id, i) => position.set(id, i));
  const edges = (map: Map<string, string[]>): number[][] =>
    ids.map((id) =>
      (map.get(id) ?? []).flatMap((other) => {
        const at = position.get(other);
        return at === undefined ? [] : [at];
      }),
    );
  const nodes = ids.map((id) => graph.nodes.get(id)!);
  return withSegments(ids, nodes, edges(graph.parents), edges(graph.children));
}

function withSegments(ids: string[], nodes: LineageNode[], parents: number[][], children: number[][]): GraphIndex {
  return {
    ids,
    nodes,
    parents,
    children,
    pathSegments: nodes.map((node) => node.path.split("/")),
    flatFqn: nodes.map((node) =>
      node.fqn.some((s) => s.includes(".")) ? node.fqn.flatMap((s) => s.split(".")) : node.fqn,
    ),
  };
}

/**
 * Marks in `mask` every node within `maxDepth` steps (undefined: unlimited) of a marked node along
 * `edges`. Each node is expanded at most once, so the walk is linear in nodes plus edges.
 */
export function spreadMask(mask: Uint8Array, edges: number[][], maxDepth?: number): void {
  let frontier: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) frontier.push(i);
  for (let depth = 0; frontier.length > 0 && (maxDepth === undefined || depth < maxDepth); depth++) {
    const next: number[] = [];
    for (const at of frontier) {
      for (const neighbour of edges[at]) {
        if (!mask[neighbour]) {
          mask[neighbour] = 1;
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
}
