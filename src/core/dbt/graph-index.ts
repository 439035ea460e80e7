// A LineageGraph as dense index arrays, built once per graph and cached, so selection runs as
// linear passes over byte masks instead of string Sets. Index order is the sorted unique_id order,
// so reading a mask front to back yields a sorted selection with no sort.

import type { LineageGraph, LineageNode } from "./graph";
import { memoPerGraph } from "./graph-memo";

/** Edges by rank, flat: node i's neighbours are to[start[i]] up to to[start[i + 1]], ranks ascending. */
export interface RankEdges {
  start: number[];
  to: number[];
}

export interface GraphIndex {
  ids: string[];
  nodes: LineageNode[];
  parents: RankEdges;
  children: RankEdges;
  /** node.path split at "/" (what path: matching works on). */
  pathSegments: string[][];
  /** Node i's fqn with dotted segments split (what fqn: wildcards match), made on first use. */
  flatFqn(i: number): string[];
}

const indexes = memoPerGraph(buildIndex);

export function graphIndex(graph: LineageGraph): GraphIndex {
  return indexes.get(graph);
}

/** Hands over the index of a graph whose edges are already ranks (a saved lineage): `ids` and `nodes` sorted by unique_id. */
export function primeGraphIndex(
  graph: LineageGraph,
  ids: string[],
  nodes: LineageNode[],
  parents: RankEdges,
  children: RankEdges,
): void {
  indexes.set(graph, withSegments(ids, nodes, parents, children));
}

function buildIndex(graph: LineageGraph): GraphIndex {
  const ids = [...graph.nodes.keys()].sort();
  const position = new Map<string, number>();
  ids.forEach((id, i) => position.set(id, i));
  const edges = (map: Map<string, string[]>): RankEdges => {
    const start = [0];
    const to: number[] = [];
    for (const id of ids) {
      for (const other of map.get(id) ?? []) {
        const at = position.get(other);
        if (at !== undefined) to.push(at);
      }
      start.push(to.length);
    }
    return { start, to };
  };
  const nodes = ids.map((id) => graph.nodes.get(id)!);
  return withSegments(ids, nodes, edges(graph.parents), edges(graph.children));
}

/** The split paths and fqns are made on first use: most selectors need one of them or neither. */
function withSegments(ids: string[], nodes: LineageNode[], parents: RankEdges, children: RankEdges): GraphIndex {
  let pathSegments: string[][] | undefined;
  const flatFqn: (string[] | undefined)[] = [];
  return {
    ids,
    nodes,
    parents,
    children,
    get pathSegments() {
      return (pathSegments ??= nodes.map((node) => node.path.split("/")));
    },
    flatFqn(i) {
      const fqn = nodes[i].fqn;
      return (flatFqn[i] ??= fqn.some((s) => s.includes(".")) ? fqn.flatMap((s) => s.split(".")) : fqn);
    },
  };
}

/**
 * Marks in `mask` every node within `maxDepth` steps (undefined: unlimited) of a marked node along
 * `edges`. Each node is expanded at most once, so the walk is linear in nodes plus edges.
 */
export function spreadMask(mask: Uint8Array, { start, to }: RankEdges, maxDepth?: number): void {
  let frontier: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) frontier.push(i);
  for (let depth = 0; frontier.length > 0 && (maxDepth === undefined || depth < maxDepth); depth++) {
    const next: number[] = [];
    for (const at of frontier) {
      for (let k = start[at]; k < start[at + 1]; k++) {
        const neighbour = to[k];
        if (!mask[neighbour]) {
          mask[neighbour] = 1;
          next.push(neighbour);
        }
      }
    }
    frontier = next;
  }
}
