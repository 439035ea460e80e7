// The notes an import finds in its folder: which node each belongs to (by its unique_id), read only
// when the import state cannot vouch for it (a note it knows, with the stat it recorded, is not read).

import { parseNote } from "../frontmatter";
import type { VaultFileStat, VaultPort } from "../vault";
import type { ImportedNote, ImportState } from "./import-state";
import { readMany } from "./read-notes";

export interface ExistingNote {
  path: string;
  /** Undefined until needed for a note the import state vouches for. */
  text?: string;
  stat: VaultFileStat | null;
}

export interface ExistingNotes {
  byId: Map<string, ExistingNote>;
  /** Every file in the folder. */
  paths: Set<string>;
  /** Stats taken while listing, for notes the import state knows. */
  stats: Map<string, VaultFileStat>;
}

export async function readExistingNotes(
  vault: VaultPort,
  folder: string,
  state: ImportState | null,
): Promise<ExistingNotes> {
  const byId = new Map<string, ExistingNote>();
  const paths = new Set<string>();
  const stats = new Map<string, VaultFileStat>();
  const all = await vault.list(folder);
  for (const path of all) paths.add(path);
  const notes = all.filter((p) => p.endsWith(".md"));
  // A note the import state knows, with the stat it recorded, is that node's note: not read.
  const known = new Map<string, string>();
  for (const [id, note] of Object.entries(state?.notes ?? {})) known.set(note.path, id);
  const vouched = new Map<string, { id: string; stat: VaultFileStat }>();
  const unread: string[] = [];
  for (const path of notes) {
    const id = known.get(path);
    const stat = id === undefined ? null : await vault.stat(path);
    if (stat) stats.set(path, stat);
    if (id !== undefined && stat && sameStat(state!.notes[id], stat)) vouched.set(path, { id, stat });
    else unread.push(path);
  }
  const texts = new Map<string, string>();
  const read = await readMany(vault, unread);
  for (let i = 0; i < unread.length; i++) texts.set(unread[i], read[i]);
  for (const path of notes) {
    const trusted = vouched.get(path);
    if (trusted) {
      if (!byId.has(trusted.id)) byId.set(trusted.id, { path, stat: trusted.stat });
      continue;
    }
    const text = texts.get(path)!;
    const id = uniqueIdOf(text, path);
    if (id !== undefined && !byId.has(id)) byId.set(id, { path, text, stat: stats.get(path) ?? null });
  }
  return { byId, paths, stats };
}

/** The note's text, read now if planning had no need of it so far. */
export async function textOf(vault: VaultPort, note: ExistingNote): Promise<string> {
  note.text ??= await vault.read(note.path);
  return note.text;
}

/** The note's unique_id; read with a line match first (importing 5,000 notes should not parse 5,000 YAML blocks). */
export function uniqueIdOf(text: string, path: string): string | undefined {
  if (!text.startsWith("---")) return undefined;
  const end = text.indexOf("\n---", 3);
  const block = end < 0 ? text : text.slice(0, end);
  const line = /^unique_id:[ \t]*(.*)$/m.exec(block);
  if (!line) return undefined;
  const value = line[1].trim();
  if (/^[\w.-]+$/.test(value)) return value;
  const parsed = parseNote(text, path).frontmatter.unique_id;
  return typeof parsed === "string" ? parsed : undefined;
}

/** Whether a note's stat is the one the last import recorded for it (then its text is as that import left it). */
export function sameStat(note: ImportedNote | undefined, stat: VaultFileStat | null): boolean {
  return !!note && !!stat && note.mtime === stat.mtime && note.size === stat.size;
}
