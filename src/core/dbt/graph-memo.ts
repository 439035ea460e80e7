// One derived value per LineageGraph, built on first use and cached. Graphs are not mutated once
// built; the identity and size check guards against a caller that does.

import type { LineageGraph } from "./graph";

export interface GraphMemo<T> {
  get(graph: LineageGraph): T;
  /** Stores a value built another way (e.g. from a saved lineage) for this graph. */
  set(graph: LineageGraph, value: T): void;
}

export function memoPerGraph<T>(build: (graph: LineageGraph) => T): GraphMemo<T> {
  const cache = new WeakMap<LineageGraph, { value: T; nodes: LineageGraph["nodes"]; size: number }>();
  const set = (graph: LineageGraph, value: T) =>
    cache.set(graph, { value, nodes: graph.nodes, size: graph.nodes.size });
  return {
    get(graph) {
      const hit = cache.get(graph);
      if (hit && hit.nodes === graph.nodes && hit.size === graph.nodes.size) return hit.value;
      const value = build(graph);
      set(graph, value);
      return value;
    },
    set,
  };
}
