// Rebuilds the lineage from the model notes alone (no manifest needed): every note under the dbt
// folder whose frontmatter names a unique_id, linked through its upstream wikilinks.

import { parseNote, type Frontmatter } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { basename, type VaultPort } from "../vault";
import { buildGraph, type LineageGraph, type LineageNode } from "./graph";
import { readMany } from "./read-notes";
import { linkedNoteName } from "../wikilinks";
import { nodeFromFrontmatter } from "./model-note";

export interface VaultLineage {
  graph: LineageGraph;
  /** Notes under the dbt folder that could not be read as node notes, with why. */
  unreadable: { path: string; error: string }[];
}

/** The graph of every live node note (notes marked `status: removed` are left out). */
export async function loadLineageFromVault(vault: VaultPort, settings: DecpSettings): Promise<LineageGraph> {
  return (await readVaultLineage(vault, settings)).graph;
}

export async function readVaultLineage(vault: VaultPort, settings: DecpSettings): Promise<VaultLineage> {
  const paths = (await vault.list(settings.dbtFolder)).filter((p) => p.endsWith(".md"));
  const nodes: LineageNode[] = [];
  const upstreamOf = new Map<string, unknown[]>();
  const unreadable: VaultLineage["unreadable"] = [];
  for (const { path, frontmatter, error } of await readFrontmatters(vault, settings.dbtFolder, paths)) {
    if (error !== undefined) {
      unreadable.push({ path, error });
      continue;
    }
    try {
      if (frontmatter.status === "removed") continue;
      const node = nodeFromFrontmatter(frontmatter, path);
      if (!node) continue;
      nodes.push(node);
      upstreamOf.set(node.uniqueId, Array.isArray(frontmatter.upstream) ? frontmatter.upstream : []);
    } catch (error) {
      unreadable.push({ path, error: (error as Error).message });
    }
  }
  // Links name notes by basename (what Obsidian resolves); map them back to unique ids.
  const idByNote = new Map<string, string>();
  for (const node of nodes) idByNote.set(basename(node.notePath).toLowerCase(), node.uniqueId);
  const graph = buildGraph(nodes, (id) =>
    (upstreamOf.get(id) ?? [])
      .map((link) => idByNote.get(linkedNoteName(link).toLowerCase()))
      .filter((p): p is string => p !== undefined),
  );
  return { graph, unreadable };
}

type NoteFrontmatter = { path: string; frontmatter: Frontmatter; error?: string };

/** The frontmatter of notes that have one: from the vault's index when it keeps one, else read and parsed. */
async function readFrontmatters(vault: VaultPort, folder: string, paths: string[]): Promise<NoteFrontmatter[]> {
  const out: NoteFrontmatter[] = [];
  const index = await vault.noteIndex?.();
  if (index) {
    for (const path of paths) {
      const stat = await vault.stat(path);
      const read = stat && (await index.read(vault, path, stat));
      if (!read) continue;
      const { note } = read;
      if (note.unreadable !== undefined) out.push({ path, frontmatter: {}, error: note.unreadable });
      else if (Object.keys(note.frontmatter).length > 0) out.push({ path, frontmatter: note.frontmatter });
    }
    index.prune(paths, folder);
    await index.persist();
    return out;
  }
  const texts = await readMany(vault, paths);
  for (let i = 0; i < paths.length; i++) {
    if (!texts[i].startsWith("---")) continue;
    try {
      out.push({ path: paths[i], frontmatter: parseNote(texts[i], paths[i]).frontmatter });
    } catch (error) {
      out.push({ path: paths[i], frontmatter: {}, error: (error as Error).message });
    }
  }
  return out;
}
