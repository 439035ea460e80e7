// The vault lineage as saved beside the vault index (.decp/cache/vault-lineage.txt): a JSON head
// line with what a selector needs (one row of short fields per node, edges as positions in unique_id
// order, as the selector's index uses them), then a tail of per-node JSON texts (description and
// config, column lineage) kept as bytes and decoded only for the nodes a call reads. A cold `select` parses the head
// alone and builds no edge map. Anything unexpected makes the file a miss: the lineage is then
// rebuilt from the notes, never half-trusted.

import type { LineageGraph, LineageNode } from "./graph";
import { primeGraphIndex, type RankEdges } from "./graph-index";
import { byteLength } from "../names";
import { isNodeRow, nodeRow, notePrefix, SavedNode, tailPieces, type LazyTail, type NodeRow } from "./saved-node";
import type { VaultLineage } from "./vault-lineage";

const FORMAT = 4;

interface SavedHead {
  format: number;
  /** One row per node, in the graph's node order. */
  rows: NodeRow[];
  /** Node positions sorted by unique_id: a node's rank is its place here. */
  order: number[];
  /** By rank, the ranks of each node's parents (children), as the selector's index keeps them. */
  parents: RankEdges;
  children: RankEdges;
  unreadable: VaultLineage["unreadable"];
  /** Byte offsets into the tail: 2 per node plus the end (see LazyTail). */
  offsets: number[];
  /** What a row's null notePath stands for. */
  notePrefix: string;
}

/** The text saved for a lineage: the head line, then the tail. */
export function lineageText({ graph, unreadable }: VaultLineage): string {
  const nodes = [...graph.nodes.values()];
  const order = nodes.map((_, i) => i).sort((a, b) => compareIds(nodes[a].uniqueId, nodes[b].uniqueId));
  const rank = new Map<string, number>();
  order.forEach((at, r) => rank.set(nodes[at].uniqueId, r));
  const edges = (map: Map<string, string[]>): RankEdges => {
    const start = [0];
    const to: number[] = [];
    for (const at of order) {
      to.push(...(map.get(nodes[at].uniqueId) ?? []).map((id) => rank.get(id)!).sort((a, b) => a - b));
      start.push(to.length);
    }
    return { start, to };
  };
  const pieces: string[] = [];
  const offsets = [0];
  let end = 0;
  for (const node of nodes)
    for (const piece of tailPieces(node)) {
      pieces.push(piece);
      offsets.push((end += byteLength(piece)));
    }
  const prefix = notePrefix(nodes);
  const head: SavedHead = {
    format: FORMAT,
    rows: nodes.map((node) => nodeRow(node, prefix)),
    order,
    parents: edges(graph.parents),
    children: edges(graph.children),
    unreadable,
    offsets,
    notePrefix: prefix,
  };
  // JSON text holds no raw line break: the first one ends the head.
  return JSON.stringify(head) + "\n" + pieces.join("");
}

/** The lineage from a saved text's UTF-8 bytes, or null when it is not one this version wrote whole. */
export function restoreLineage(bytes: Uint8Array | null): VaultLineage | null {
  const split = bytes?.indexOf(0x0a) ?? -1;
  if (!bytes || split < 0) return null;
  let head: Partial<SavedHead> | null;
  try {
    head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, split))) as Partial<SavedHead> | null;
  } catch {
    return null;
  }
  if (!head || head.format !== FORMAT || !Array.isArray(head.unreadable) || typeof head.notePrefix !== "string")
    return null;
  const tail: LazyTail = { bytes: bytes.subarray(split + 1), offsets: head.offsets!, notePrefix: head.notePrefix };
  if (!validTail(tail, head.rows)) return null;
  const { rows, order, parents, children } = head as SavedHead;
  const n = rows.length;
  if (!rows.every(isNodeRow) || !validOrder(order, rows) || !validEdges(parents, n) || !validEdges(children, n))
    return null;
  const nodes = rows.map((row, at) => new SavedNode(row, tail, at));
  const ids = order.map((at) => rows[at][0]);
  const rank = new Array<number>(n);
  order.forEach((at, r) => (rank[at] = r));
  // Lists of unique ids, by node, built only when a caller reads them (a selector works on the ranks).
  const named = ({ start, to }: RankEdges) => {
    const map = new Map<string, string[]>();
    for (let at = 0; at < n; at++) {
      const list: string[] = [];
      for (let k = start[rank[at]]; k < start[rank[at] + 1]; k++) list.push(ids[to[k]]);
      map.set(rows[at][0], list);
    }
    return map;
  };
  let parentMap: Map<string, string[]> | undefined;
  let childMap: Map<string, string[]> | undefined;
  const byId = new Map<string, LineageNode>();
  for (const node of nodes) byId.set(node.uniqueId, node);
  const graph: LineageGraph = {
    nodes: byId,
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

/** Offsets that start at 0, never go back, and end where the bytes do: a truncated tail fails here. */
function validTail({ bytes, offsets }: LazyTail, rows: unknown): rows is NodeRow[] {
  if (!Array.isArray(rows) || !Array.isArray(offsets) || offsets.length !== 2 * rows.length + 1) return false;
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== bytes.length) return false;
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

/** Starts from 0 that never go back and end at the list's end, every entry a rank. */
function validEdges(edges: unknown, n: number): edges is RankEdges {
  const { start, to } = (edges ?? {}) as Partial<RankEdges>;
  if (!Array.isArray(start) || !Array.isArray(to) || start.length !== n + 1) return false;
  if (start[0] !== 0 || start[n] !== to.length) return false;
  for (let i = 1; i <= n; i++) if (!Number.isInteger(start[i]) || start[i] < start[i - 1]) return false;
  for (const r of to) if (!isRank(r, n)) return false;
  return true;
}
