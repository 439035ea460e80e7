// Which models read a column, over the lineage graph (built from the model notes or an import):
// direct readers read `model.column` in their compiled SQL; transitive readers read a column computed
// from it, however many models away. Models whose column usage is unknown are listed, never guessed.
// Used by `decp impact`, the `column:` selector method, MCP `lineage` and the PR narrative. Each
// question walks the graph's column index (column-index.ts), built once per graph.

import { UserError } from "../errors";
import { columnIndex, noteNameOf } from "./column-index";
import type { LineageGraph, LineageNode } from "./graph";
import { splitColumnRef } from "./model-note-columns";

export { noteNameOf } from "./column-index";

export interface ColumnImpact {
  /** `model.column`, as the model's note is named. */
  column: string;
  /** Unique ids of the models that read the column itself, sorted. */
  direct: string[];
  /** Unique ids of the models that read a column computed from it (and are not direct readers), sorted. */
  transitive: string[];
  /** Unique ids of downstream models on the way whose column usage is unknown; their own children are not followed. */
  unknown: string[];
  /** How many nodes are downstream of the model at all (what a model-level impact would list). */
  downstream: number;
}

/** Parses `model.column` and finds the model: by note name, else by node name (or `source.table`). */
export function resolveColumnRef(graph: LineageGraph, ref: string): { node: LineageNode; column: string } {
  const [model, column] = splitColumnRef(ref.trim());
  if (!model || !column)
    throw new UserError(
      `"${ref}" does not name a column`,
      { token: ref },
      "Write model.column, e.g. dim_customers.segment",
    );
  const wanted = model.toLowerCase();
  const index = columnIndex(graph);
  const byNote = index.byNote.get(wanted) ?? [];
  const found = byNote.length === 1 ? byNote : (index.byName.get(wanted) ?? []);
  if (found.length !== 1)
    throw new UserError(
      found.length === 0 ? `No dbt node named "${model}"` : `"${model}" names ${found.length} nodes`,
      { token: ref },
      found.length === 0
        ? "Check the model name; `decp select <vault> <name>` shows what matches"
        : `Use the note name: ${found.map(noteNameOf).join(", ")}`,
    );
  return { node: found[0], column: column.toLowerCase() };
}

export function columnImpact(graph: LineageGraph, ref: string): ColumnImpact {
  const { node, column } = resolveColumnRef(graph, ref);
  const index = columnIndex(graph);
  const direct = new Set<string>();
  const transitive = new Set<string>();
  const unknown = new Set<string>();
  const seen = new Set<string>();
  let frontier: [string, string][] = [[node.uniqueId, column]];
  while (frontier.length > 0) {
    const next: [string, string][] = [];
    for (const [id, col] of frontier) {
      const key = `${id}\u0000${col}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const child of index.unknownChildren.get(id) ?? []) unknown.add(child);
      const uses = index.uses.get(id);
      if (!uses) continue;
      // A child's `parent.*` reads (or passes on) every column, this one included.
      for (const written of col === "*" ? ["*"] : [col, "*"])
        for (const use of uses.get(written) ?? []) {
          if (use.reads) (id === node.uniqueId ? direct : transitive).add(use.child);
          // A passthrough of unnamed columns (`*`) carries the column on under its own name.
          for (const output of use.outputs) next.push([use.child, output === "*" ? col : output]);
        }
    }
    frontier = next;
  }
  for (const id of direct) transitive.delete(id);
  return {
    column: `${noteNameOf(node)}.${column}`,
    direct: [...direct].sort(),
    transitive: [...transitive].sort(),
    unknown: [...unknown].sort(),
    downstream: countDownstream(graph, node.uniqueId),
  };
}

/** Unique ids of the models that read `model.column`, directly or through columns computed from it (what packs rank first). */
export function modelsReadingColumn(graph: LineageGraph, ref: string): string[] {
  const impact = columnImpact(graph, ref);
  return [...impact.direct, ...impact.transitive].sort();
}

/**
 * For packs ranking children: which of `columns` of `model` each downstream model reads, directly
 * or through a column computed from them, keyed by note name. Columns the model does not resolve
 * (no such model) give an empty map.
 */
export function columnsReadBy(graph: LineageGraph, model: string, columns: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const column of columns) {
    let impact: ColumnImpact;
    try {
      impact = columnImpact(graph, `${model}.${column}`);
    } catch {
      continue;
    }
    for (const id of [...impact.direct, ...impact.transitive]) {
      const name = noteNameOf(graph.nodes.get(id)!);
      out.set(name, [...(out.get(name) ?? []), column]);
    }
  }
  return out;
}

function countDownstream(graph: LineageGraph, id: string): number {
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length > 0)
    for (const child of graph.children.get(stack.pop()!) ?? [])
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
  return seen.size - 1;
}

/** Impact with note names instead of unique ids: what `decp impact --json`, MCP and notes show. */
export function namedImpact(graph: LineageGraph, impact: ColumnImpact): ColumnImpact {
  const name = (id: string): string => noteNameOf(graph.nodes.get(id)!);
  return {
    ...impact,
    direct: impact.direct.map(name).sort(),
    transitive: impact.transitive.map(name).sort(),
    unknown: impact.unknown.map(name).sort(),
  };
}

/** The human answer (CLI stdout, the MCP text): counts first, then the models by kind with their notes. */
export function describeImpact(graph: LineageGraph, impact: ColumnImpact): string {
  const model = splitColumnRef(impact.column)[0];
  const readers = impact.direct.length + impact.transitive.length;
  const lines = [
    `${impact.column}: ${readers} of the ${impact.downstream} models downstream of ${model} read it (${impact.direct.length} directly, ${impact.transitive.length} through columns computed from it).`,
  ];
  if (impact.unknown.length > 0)
    lines.push(
      `Column usage is unknown for ${impact.unknown.length} more (their notes say why; their own downstream was not followed).`,
    );
  const section = (title: string, ids: string[]): void => {
    if (ids.length === 0) return;
    lines.push("", `${title} (${ids.length}):`);
    for (const id of ids) {
      const node = graph.nodes.get(id)!;
      lines.push(`  ${noteNameOf(node)}\t${node.notePath}`);
    }
  };
  section("Direct", impact.direct);
  section("Transitive", impact.transitive);
  section("Unknown", impact.unknown);
  return lines.join("\n");
}
