// The column lineage of a graph as lookup maps, built once per graph on the first column question
// and cached with it (like graph-index.ts): for each node and each of its columns, the children that
// read it and the output columns of theirs computed from it; the children whose column usage is
// unknown; and the nodes by note name and by name, which `model.column` is resolved by. A column
// impact is then a walk over these maps instead of a scan of every child's column keys per step.

import { basename } from "../vault";
import type { LineageGraph, LineageNode } from "./graph";
import { memoPerGraph } from "./graph-memo";
import { splitColumnRef } from "./model-note-columns";

/** How one child uses one column of a parent. */
export interface ColumnUse {
  child: string;
  /** The child reads the column (its `columns_read` names it, or `parent.*`). */
  reads: boolean;
  /** The child's output columns computed from it, lower-cased; "*" passes the column on under its own name. */
  outputs: string[];
}

export interface ColumnIndex {
  /** Node id -> column as the children's notes write it ("*": every column) -> the children using it. */
  uses: Map<string, Map<string, ColumnUse[]>>;
  /** Node id -> its children whose column usage is unknown (or not in their notes). */
  unknownChildren: Map<string, string[]>;
  /** Lower-cased note name -> nodes. */
  byNote: Map<string, LineageNode[]>;
  /** Lower-cased name, and `source.table` -> nodes. */
  byName: Map<string, LineageNode[]>;
}

/** The note name of a node (what `model.column` and the column keys of notes name it by). */
export function noteNameOf(node: LineageNode): string {
  return node.notePath ? basename(node.notePath).replace(/\.md$/, "") : node.name;
}

const indexes = memoPerGraph(buildColumnIndex);

export function columnIndex(graph: LineageGraph): ColumnIndex {
  return indexes.get(graph);
}

function buildColumnIndex(graph: LineageGraph): ColumnIndex {
  const index: ColumnIndex = { uses: new Map(), unknownChildren: new Map(), byNote: new Map(), byName: new Map() };
  const noteNames = new Map<string, string>();
  for (const [id, node] of graph.nodes) {
    const note = noteNameOf(node).toLowerCase();
    noteNames.set(id, note);
    push(index.byNote, note, node);
    const name = node.name.toLowerCase();
    const sourceTable = `${node.sourceName ?? ""}.${node.name}`.toLowerCase();
    push(index.byName, name, node);
    if (sourceTable !== name) push(index.byName, sourceTable, node);
  }
  const usesByChild = new Map<string, Map<string, Map<string, ColumnUse>> | undefined>();
  for (const [id, children] of graph.children) {
    const note = noteNames.get(id);
    if (note === undefined) continue;
    for (const child of children) {
      if (!usesByChild.has(child)) usesByChild.set(child, childUses(child, graph.nodes.get(child)));
      const byParent = usesByChild.get(child);
      if (!byParent) {
        push(index.unknownChildren, id, child);
        continue;
      }
      for (const [column, use] of byParent.get(note) ?? []) {
        let byColumn = index.uses.get(id);
        if (!byColumn) index.uses.set(id, (byColumn = new Map<string, ColumnUse[]>()));
        push(byColumn, column, use);
      }
    }
  }
  return index;
}

/** A child's column keys grouped by parent note name (lower-cased) and column; undefined when unknown. */
function childUses(child: string, node: LineageNode | undefined): Map<string, Map<string, ColumnUse>> | undefined {
  const usage = node?.columns;
  if (!usage || !usage.known) return undefined;
  const byParent = new Map<string, Map<string, ColumnUse>>();
  const use = (ref: string): ColumnUse => {
    const [parent, column] = splitColumnRef(ref);
    const key = parent.toLowerCase();
    let byColumn = byParent.get(key);
    if (!byColumn) byParent.set(key, (byColumn = new Map<string, ColumnUse>()));
    let found = byColumn.get(column);
    if (!found) byColumn.set(column, (found = { child, reads: false, outputs: [] }));
    return found;
  };
  for (const ref of usage.read) use(ref).reads = true;
  for (const [output, sources] of Object.entries(usage.sources)) {
    const name = output === "*" ? "*" : output.toLowerCase();
    for (const ref of sources) {
      const found = use(ref);
      if (!found.outputs.includes(name)) found.outputs.push(name);
    }
  }
  return byParent;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
