// The vault lineage as saved beside the vault index (.decp/cache/vault-lineage.txt): a JSON head
// line with what a selector needs (one row of short fields per node, edges as positions in unique_id
// order, as the selector's index uses them), then a tail of per-node JSON texts (description and
// config, column lineage) parsed only for the nodes a call reads. A cold `select` parses the head
// alone and builds no edge map. Anything unexpected makes the file a miss: the lineage is then
// rebuilt from the notes, never half-trusted.

import type { LineageGraph, LineageNode } from "./graph";
import { primeGraphIndex } from "./graph-index";
import { isNodeRow, nodeRow, SavedNode, tailPieces, type LazyTail, type NodeRow } from "./saved-node";
import type { VaultLineage } from "./vault-lineage";

const FORMAT = 2;

interface SavedHead {
  format: number;
  /** One row per node, in the graph's node order. */
  rows: NodeRow[];
  /** Node positions sorted by unique_id: a node's rank is its place here. */
  order: number[];
  /** By rank, each list the ranks of its parents (children), ascending. */
  parents: number[][];
  children: number[][];
  unreadable: VaultLineage["unreadable"];
  /** Into the tail: 2 per node plus the end (see LazyTail). */
  offsets: number[];
}

/** The text saved for a lineage: the head line, then the tail. */
export function lineageText({ graph, unreadable }: VaultLineage): string {
  const nodes = [...graph.nodes.values()];
  const order = nodes.map((_, i) => i).sort((a, b) => compareIds(nodes[a].uniqueId, nodes[b].uniqueId));
  const rank = new Map<string, number>();
  order.forEach((at, r) => rank.set(nodes[at].uniqueId, r));
  const edges = (map: Map<string, string[]>) =>
    order.map((at) => (map.get(nodes[at].uniqueId) ?? []).map((id) => rank.get(id)!).sort((a, b) => a - b));
  const pieces: string[] = [];
  const offsets = [0];
  let end = 0;
  for (const node of nodes)
    for (const piece of tailPieces(node)) {
      pieces.push(piece);
      offsets.push((end += piece.length));
    }
  const head: SavedHead = {
    format: FORMAT,
    rows: nodes.map(nodeRow),
    order,
    parents: edges(graph.parents),
    children: edges(graph.children),
    unreadable,
    offsets,
  };
  // JSON text holds no raw line break: the first one ends the head.
  return JSON.stringify(head) + "\n" + pieces.join("");
}

/** The lineage from a saved text, or null when it is not one this version wrote whole. */
export function restoreLineage(text: string | null): VaultLineage | null {
  const split = text?.indexOf("\n") ?? -1;
  if (text == null || split < 0) return null;
  let head: Partial<SavedHead> | null;
  try {
    head = JSON.parse(text.slice(0, split)) as Partial<SavedHead> | null;
  } catch {
    return null;
  }
  const tail: LazyTail = { text: text.slice(split + 1), offsets: head?.offsets as number[] };
  if (!head || head.format !== FORMAT || !Array.isArray(head.unreadable) || !validTail(tail, head.rows)) return null;
  const { rows, order, parents, children } = head as SavedHead;
  const n = rows.length;
  if (!rows.every(isNodeRow) || !validOrder(order, rows) || !validEdges(parents, n) || !validEdges(children, n))
    return null;
  const nodes = rows.map((row, at) => new SavedNode(row, tail, at));
  const ids = order.map((at) => rows[at][0]);
  const rank = new Array<number>(n);
  order.forEach((at, r) => (rank[at] = r));
  // Lists of unique ids, by node, built only when a caller reads them (a selector works on the ranks).
  const named = (lists: number[][]) => {
    const map = new Map<string, string[]>();
    for (let at = 0; at < n; at++)
      map.set(
        rows[at][0],
        lists[rank[at]].map((r) => ids[r]),
      );
    return map;
  };
  let parentMap: Map<string, string[]> | undefined;
  let childMap: Map<string, string[]> | undefined;
  const graph: LineageGraph = {
    nodes: new Map(nodes.map((node) => [node.uniqueId, node as LineageNode])),
    get parents() {
      return (parentMap ??= named(parents));
    },
    get children() {
      return (childMap ??= named(children));
    },
  };
  primeGraphIndex(
    graph,
    ids,
    order.map((at) => nodes[at]),
    parents,
    children,
  );
  return { graph, unreadable: head.unreadable };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isRank = (value: unknown, n: number): boolean =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) < n;

/** Offsets that start at 0, never go back, and end where the text does: a truncated tail fails here. */
function validTail({ text, offsets }: LazyTail, rows: unknown): rows is NodeRow[] {
  if (!Array.isArray(rows) || !Array.isArray(offsets) || offsets.length !== 2 * rows.length + 1) return false;
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== text.length) return false;
  for (let k = 1; k < offsets.length; k++)
    if (!Number.isInteger(offsets[k]) || offsets[k] < offsets[k - 1]) return false;
  return true;
}

/** Every position once, in strictly rising unique_id order (so no unique_id twice). */
function validOrder(order: unknown, rows: NodeRow[]): order is number[] {
  if (!Array.isArray(order) || order.length !== rows.length) return false;
  for (let r = 0; r < order.length; r++) {
    if (!isRank(order[r], rows.length)) return false;
    if (r > 0 && !(rows[order[r - 1] as number][0] < rows[order[r] as number][0])) return false;
  }
  return true;
}

function validEdges(lists: unknown, n: number): lists is number[][] {
  if (!Array.isArray(lists) || lists.length !== n) return false;
  for (const list of lists) {
    if (!Array.isArray(list)) return false;
    for (const r of list) if (!isRank(r, n)) return false;
  }
  return true;
}
