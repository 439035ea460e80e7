// Rebuilds the lineage from the model notes alone (no manifest needed): every note under the dbt
// folder whose frontmatter names a unique_id, linked through its upstream wikilinks. Where the vault
// keeps an index (CLI, MCP server), the lineage itself is saved beside it with the stamp of the notes'
// paths and stats: while no note under the dbt folder changed, a cold call reads that file alone, and
// a process that keeps its vault (the MCP server) reuses the lineage it read while the stamp holds.

import { parseNote, type Frontmatter } from "../frontmatter";
import { statStamp, type NoteIndex } from "../note-index";
import type { DecpSettings } from "../settings";
import { basename, listWithStats, type StatedFile, type VaultPort } from "../vault";
import { buildGraph, type LineageGraph, type LineageNode } from "./graph";
import { readMany } from "./read-notes";
import { linkedNoteName } from "../wikilinks";
import { nodeFromFrontmatter } from "./model-note";
import { lineageText, restoreLineage } from "./saved-lineage";

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
  const folder = settings.dbtFolder;
  const index = await vault.noteIndex?.();
  if (!index) {
    const paths = (await vault.list(folder)).filter((p) => p.endsWith(".md"));
    return lineageOf(await parseFrontmatters(vault, paths));
  }
  // The saved lineage is read and restored before the notes are listed: restored into a small heap
  // it costs less garbage collection than after the listing. Used only if its stamp is the notes'.
  const saved = index.keeps("lineage") ? null : await index.derivedBytes("lineage");
  const restored = saved && restoreLineage(saved.bytes);
  const files = (await listWithStats(vault, folder)).filter((f) => f.path.endsWith(".md"));
  const stamp = statStamp(folder, files);
  const kept = index.recall<VaultLineage>("lineage", stamp);
  if (kept) return kept;
  if (restored && saved.stamp === stamp) return index.keep("lineage", stamp, restored);
  const lineage = lineageOf(await indexedFrontmatters(vault, index, folder, files));
  await index.saveDerivedText("lineage", stamp, lineageText(lineage));
  return index.keep("lineage", stamp, lineage);
}

type NoteFrontmatter = { path: string; frontmatter: Frontmatter; error?: string };

function lineageOf(notes: NoteFrontmatter[]): VaultLineage {
  const nodes: LineageNode[] = [];
  const upstreamOf = new Map<string, unknown[]>();
  const unreadable: VaultLineage["unreadable"] = [];
  for (const { path, frontmatter, error } of notes) {
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

/** The frontmatter of notes that have one, from the index (a note whose stat it does not know is read). */
async function indexedFrontmatters(
  vault: VaultPort,
  index: NoteIndex,
  folder: string,
  files: StatedFile[],
): Promise<NoteFrontmatter[]> {
  const out: NoteFrontmatter[] = [];
  for (const { path, stat } of files) {
    const read = await index.read(vault, path, stat, "frontmatter");
    if (!read) continue;
    const { note } = read;
    if (note.unreadable !== undefined) out.push({ path, frontmatter: {}, error: note.unreadable });
    else if (Object.keys(note.frontmatter).length > 0) out.push({ path, frontmatter: note.frontmatter });
  }
  index.prune(
    files.map((f) => f.path),
    folder,
  );
  await index.persist();
  return out;
}

async function parseFrontmatters(vault: VaultPort, paths: string[]): Promise<NoteFrontmatter[]> {
  const out: NoteFrontmatter[] = [];
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
