// Rings around a focus: for model notes, upstream and downstream lineage (frontmatter); for any
// other note, outgoing links and backlinks. Breadth-first, so cycles are harmless.

import type { NoteGraph, NoteNode } from "./note-graph";

export type Direction = "upstream" | "downstream" | "linked";

export interface RingMember {
  path: string;
  distance: number;
  direction: Direction;
  /** Edges to notes one ring closer to the focus: more means more central. */
  links: number;
}

// A graph does not change once loaded, so its lineage edges are collected once, not on every pack.
const lineageEdges = new WeakMap<NoteGraph, Map<Direction, (path: string) => string[]>>();

/**
 * Lineage edges known without a pass over every note (a graph restored from a saved value): each
 * returns a note's parents or children, unique and sorted, as the pass below would.
 */
export function primeLineageEdges(
  graph: NoteGraph,
  parents: (path: string) => string[],
  children: (path: string) => string[],
): void {
  lineageEdges.set(
    graph,
    new Map([
      ["upstream", parents],
      ["downstream", children],
    ]),
  );
}

function neighbours(graph: NoteGraph, lineage: boolean): Map<Direction, (path: string) => string[]> {
  if (lineage) {
    const known = lineageEdges.get(graph);
    if (known) return known;
    // Parents come from a note's own upstream and from notes that list it downstream.
    const parents = new Map<string, Set<string>>();
    const children = new Map<string, Set<string>>();
    const add = (map: Map<string, Set<string>>, from: string, to: string) => {
      const set = map.get(from) ?? new Set<string>();
      set.add(to);
      map.set(from, set);
    };
    for (const note of graph.notes.values()) {
      for (const up of note.upstream) {
        add(parents, note.path, up);
        add(children, up, note.path);
      }
      for (const down of note.downstream) {
        add(children, note.path, down);
        add(parents, down, note.path);
      }
    }
    const edges = new Map<Direction, (path: string) => string[]>([
      ["upstream", (p: string) => [...(parents.get(p) ?? [])].sort()],
      ["downstream", (p: string) => [...(children.get(p) ?? [])].sort()],
    ]);
    lineageEdges.set(graph, edges);
    return edges;
  }
  return new Map([
    [
      "linked",
      (p: string) => [...new Set([...(graph.notes.get(p)?.links ?? []), ...(graph.backlinks.get(p) ?? [])])].sort(),
    ],
  ]);
}

/** Every note reachable from the focus, with its distance (the focus itself is not included). */
export function ringsAround(graph: NoteGraph, focus: NoteNode): RingMember[] {
  const lineage = graph.isLineageNote(focus);
  const seen = new Map<string, RingMember>();
  for (const [direction, next] of neighbours(graph, lineage)) {
    let frontier = [focus.path];
    const visited = new Set([focus.path]);
    for (let distance = 1; frontier.length > 0; distance++) {
      const ring = new Map<string, number>();
      for (const path of frontier) {
        for (const n of next(path)) {
          if (visited.has(n)) continue;
          ring.set(n, (ring.get(n) ?? 0) + 1);
        }
      }
      for (const [path, links] of ring) {
        visited.add(path);
        const known = seen.get(path);
        if (!known || known.distance > distance) seen.set(path, { path, distance, direction, links });
      }
      frontier = [...ring.keys()];
    }
  }
  return [...seen.values()];
}

export function ringLabel(direction: Direction, distance: number): string {
  if (distance === 1)
    return direction === "upstream"
      ? "direct parents"
      : direction === "downstream"
        ? "direct children"
        : "linked notes";
  return `${direction} at depth ${distance}`;
}

export function beyondLabel(direction: Direction, depth: number): string {
  return `${direction} beyond depth ${depth}`;
}
