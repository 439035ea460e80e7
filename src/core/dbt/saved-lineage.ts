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
    const restored = withLazyColumns(node);
    if (!restored) return null;
    ids.push(node.uniqueId);
    graph.nodes.set(node.uniqueId, restored);
  }
  if (graph.nodes.size !== ids.length) return null; // a unique_id twice: not a file this code wrote
  const edges = (lists: unknown[], into: Map<string, string[]>): boolean => {
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i];
      if (!Array.isArray(list)) return false;
      const named = new Array<string>(list.length);
      for (let k = 0; k < list.length; k++) {
        const id = ids[list[k] as number];
        if (id === undefined) return false;
        named[k] = id;
      }
      into.set(ids[i], named);
    }
    return true;
  };
  if (!edges(saved.parents, graph.parents) || !edges(saved.children, graph.children)) return null;
  // The selectors' index arrays come straight from the saved positions, in unique_id order.
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  primeGraphIndex(graph, order, saved.parents, saved.children);
  return { graph, unreadable: saved.unreadable };
}

/** The node (the parsed object itself), its column lineage parsed on first use (most calls never ask for it). */
function withLazyColumns(saved: SavedNode): LineageNode | null {
  const node = saved as unknown as LineageNode;
  const columns = saved.columns as unknown;
  if (columns === undefined) return node;
  if (typeof columns !== "string") return null;
  const settle = (value: NodeColumns | undefined) =>
    Object.defineProperty(node, "columns", { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(node, "columns", {
    enumerable: true,
    configurable: true,
    get: () => {
      settle(JSON.parse(columns) as NodeColumns);
      return node.columns;
    },
    set: settle,
  });
  return node;
}
