// Which dbt models a loop is about: explicit <model> tags plus model names the text mentions that
// match an existing model note (type model|source|seed|snapshot under the dbt folder, read through
// the dbt area's vault lineage).

import { loadLineageFromVault } from "../dbt";
import { safeName } from "../names";
import type { DecpSettings } from "../settings";
import { basename, type VaultPort } from "../vault";

/** Model note basenames (what [[links]] resolve) -> vault paths. */
export async function listModelNotes(vault: VaultPort, settings: DecpSettings): Promise<Map<string, string>> {
  const graph = await loadLineageFromVault(vault, settings);
  const out = new Map<string, string>();
  for (const node of graph.nodes.values()) out.set(basename(node.notePath), node.notePath);
  return out;
}

/** Model names mentioned as whole identifiers (dbt names are [A-Za-z0-9_]), in first-mention order. */
export function mentionedModels(text: string, modelNames: Iterable<string>): string[] {
  const names = new Set(modelNames);
  const found: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9_][A-Za-z0-9_.-]*[A-Za-z0-9_]|[A-Za-z0-9_]/g)) {
    for (const candidate of [m[0], ...m[0].split(/[.-]/)]) {
      if (names.has(candidate) && !found.includes(candidate)) found.push(candidate);
    }
  }
  return found;
}

/**
 * Explicit models first (kept even without a note, as safe note names: an agent's `x]]|y` must not
 * break the links), then mentioned ones.
 */
export function linkModels(explicit: string[], texts: string[], modelNames: Iterable<string>): string[] {
  const out = explicit
    .map((m) => m.trim())
    .filter((m) => m !== "")
    .map((m) => safeName(m, { replacement: "_" }));
  for (const name of mentionedModels(texts.join("\n"), modelNames)) if (!out.includes(name)) out.push(name);
  return [...new Set(out)];
}
