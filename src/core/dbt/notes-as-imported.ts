// Whether an import's folder holds exactly what the last import left, so a fast path may answer from
// the import state (import-state.ts): every note it recorded with the same stat, no node it left out,
// and no other note an import would act on. One walk lists and stats the folder (FsVault follows no
// link, so a note replaced by a link counts as gone); only notes the state does not know are read.

import { patchFrontmatter } from "../frontmatter";
import { listWithStats, type VaultFileStat, type VaultPort } from "../vault";
import { sameStat, uniqueIdOf } from "./existing-notes";
import type { ImportState } from "./import-state";
import { removedPatch } from "./model-note";

export async function notesAsImported(vault: VaultPort, state: ImportState, folder: string): Promise<boolean> {
  const { summary } = state;
  const recorded = Object.values(state.notes);
  // A node the last import left out (a note in the way, markers missing) is reported again by an import.
  const nodes = summary.models + summary.sources + summary.seeds + summary.snapshots + summary.macros;
  if (recorded.length !== nodes) return false;
  const listed = new Map<string, VaultFileStat>();
  for (const { path, stat } of await listWithStats(vault, folder)) if (path.endsWith(".md")) listed.set(path, stat);
  const inside = `${folder}/`;
  let known = 0;
  for (const note of recorded) {
    const within = note.path.startsWith(inside);
    const stat = within ? listed.get(note.path) : await vault.stat(note.path);
    if (!sameStat(note, stat ?? null)) return false;
    if (within) known++;
  }
  return (known === listed.size && summary.removed.length === 0) || othersAsLeft(vault, state, listed.keys());
}

/**
 * The folder's notes the state does not know are those the last import marked removed, still marked
 * and naming no imported node, and notes naming no node at all (an import leaves those alone).
 */
async function othersAsLeft(vault: VaultPort, state: ImportState, listed: Iterable<string>): Promise<boolean> {
  const recorded = new Set(Object.values(state.notes).map((n) => n.path));
  const removed = new Set(state.summary.removed);
  let stillRemoved = 0;
  for (const path of listed) {
    if (recorded.has(path)) continue;
    const text = await vault.read(path).catch(() => null);
    if (text === null) return false;
    const id = uniqueIdOf(text, path);
    if (!removed.has(path)) {
      if (id !== undefined) return false;
      continue;
    }
    if (id === undefined || id in state.notes || patchFrontmatter(text, removedPatch, path) !== text) return false;
    stillRemoved++;
  }
  return stillRemoved === removed.size;
}
