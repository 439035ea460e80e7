// dbt selection over model notes: the dbt area's selector on the lineage rebuilt from the notes,
// mapped to the notes' vault paths (what tallies and packs work on).

import { loadLineageFromVault, selectNodes, type LineageGraph } from "../dbt";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import type { DbtNoteSelector } from "./selection";

export function dbtNoteSelector(vault: VaultPort, settings: DecpSettings): DbtNoteSelector {
  let lineage: Promise<LineageGraph> | undefined;
  return async (selector, exclude) => {
    const graph = await (lineage ??= loadLineageFromVault(vault, settings));
    return selectNodes(graph, selector, exclude)
      .map((id) => graph.nodes.get(id)?.notePath)
      .filter((p): p is string => !!p)
      .sort();
  };
}
