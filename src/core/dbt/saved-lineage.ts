// The vault lineage as saved beside the vault index (.decp/cache/vault-lineage.json): nodes as they
// are, edges as positions in the node list, each model's column lineage as JSON text parsed only when
// a column question reads it. Anything unexpected in the file makes it a miss: the lineage is then
// rebuilt from the notes, never half-trusted.

import type { LineageGraph, LineageNode } from "./graph";
import { primeGraphIndex } from "./graph-index";
import type { NodeColumns } from "./model-note-columns";
import type { VaultLineage } from "./vault-lineage";

const FORMAT = 1;

type SavedNode = Omit<LineageNode, "columns"> & { columns?: string };

interface SavedLineage {
  format: number;
  nodes: SavedNode[];
  parents: number[][];
  children: number[][];
  unreadable: VaultLineage["unreadable"];
}

export function savedLineage({ graph, unreadable }: VaultLineage): SavedLineage {
  const position = new Map<string, number>();
  const nodes: SavedNode[] = [];
  for (const node of graph.nodes.values()) {
    position.set(node.uniqueId, nodes.length);
    const { columns, ...rest } = node;
    nodes.push(columns === undefined ? rest : { ...rest, columns: JSON.stringify(columns) });
  }
  const edges = (map: Map<string, string[]>) =>
    [...graph.nodes.keys()].map((id) => (map.get(id) ?? []).map((other) => position.get(other)!));
  return { format: FORMAT, nodes, parents: edges(graph.parents), children: edges(graph.children), unreadable };
}

/** The lineage from a saved value, or null when it is not one this version wrote whole. */
export function restoreLineage(value: unknown): VaultLineage | null {
  const saved = value as Partial<SavedLineage> | null;
  if (
    !saved ||
    saved.format !== FORMAT ||
    !Array.isArray(saved.nodes) ||
    !Array.isArray(saved.parents) ||
    !Array.isArray(saved.children) ||
    !Array.isArray(saved.unreadable) ||
    saved.parents.length !== saved.nodes.length ||
    saved.children.length !== saved.nodes.length
  )
    return null;
  const graph: LineageGraph = { nodes: new Map(), parents: new Map(), children: new Map() };
  const ids: string[] = [];
  for (const node of saved.nodes) {
    if (typeof node?.uniqueId !== "string" || typeof node.notePath !== "string") return null;
    ids.push(node.uniqueId);
    graph.nodes.set(node.uniqueId, withLazyColumns(node));
  }
  if (graph.nodes.size !== ids.length) return null; // a unique_id twice: not a file this code wrote
  const edges = (lists: unknown[], into: Map<string, string[]>): boolean =>
    lists.every((list, i) => {
      if (!Array.isArray(list)) return false;
      const named = list.map((at) => ids[at as number]);
      if (named.some((id) => id === undefined)) return false;
      into.set(ids[i], named);
      return true;
    });
  if (!edges(saved.parents, graph.parents) || !edges(saved.children, graph.children)) return null;
  // The selectors' index arrays come straight from the saved positions, in unique_id order.
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  primeGraphIndex(graph, order, saved.parents as number[][], saved.children as number[][]);
  return { graph, unreadable: saved.unreadable };
}

/** The node, its column lineage parsed on first use (most calls never ask for it). */
function withLazyColumns(saved: SavedNode): LineageNode {
  const { columns, ...node } = saved;
  if (typeof columns !== "string") return node;
  const settle = (value: NodeColumns | undefined) =>
    Object.defineProperty(node, "columns", { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(node, "columns", {
    enumerable: true,
    configurable: true,
    get: () => {
      settle(JSON.parse(columns) as NodeColumns);
      return (node as LineageNode).columns;
    },
    set: settle,
  });
  return node;
}
