// The persisted vault index: what a note graph and the dbt lineage need of each note (frontmatter,
// tags, link targets as written), trusted while the note's mtime and size are those recorded, as
// the token cache trusts its counts. A cold CLI call then stats every note and reads and parses
// only the notes that changed. The CLI and the MCP server keep it in .decp/cache/vault-index.json
// (token counts stay in tokens-<encoding>.json); the plugin has Obsidian's metadata cache instead.

import { bodyLinks, frontmatterLinks, noteTags } from "./context/links";
import { UserError } from "./errors";
import { parseNote, type Frontmatter } from "./frontmatter";
import type { VaultFileStat, VaultPort } from "./vault";

export const NOTE_INDEX_VERSION = 1;

export interface IndexedNote {
  mtime: number;
  size: number;
  frontmatter: Frontmatter;
  tags: string[];
  /** Link targets as written (not resolved: resolution depends on the whole vault), frontmatter first. */
  links: string[];
  /** Why the frontmatter could not be parsed; the note still counts, with no metadata. */
  unreadable?: string;
}

export interface NoteIndexSnapshot {
  version: number;
  notes: Record<string, IndexedNote>;
}

/** Where the index lives between runs. */
export interface NoteIndexStore {
  load(): Promise<NoteIndexSnapshot | null>;
  save(snapshot: NoteIndexSnapshot): Promise<void>;
}

/** What one note says, parsed from its text. */
export function describeNote(text: string, path: string, stat: VaultFileStat): IndexedNote {
  let frontmatter: Frontmatter = {};
  let body = text;
  let unreadable: string | undefined;
  try {
    ({ frontmatter, body } = parseNote(text, path));
  } catch (error) {
    unreadable = error instanceof UserError ? error.describe() : String(error);
  }
  const links = [...frontmatterLinks(frontmatter), ...bodyLinks(body).map((l) => l.target)];
  const note: IndexedNote = {
    mtime: stat.mtime,
    size: stat.size,
    frontmatter,
    tags: noteTags(frontmatter, body),
    links,
  };
  if (unreadable !== undefined) note.unreadable = unreadable;
  return note;
}

export interface IndexedRead {
  note: IndexedNote;
  /** The text, when this call had to read it (the index did not know the note as it is now). */
  text?: string;
}

export class NoteIndex {
  private readonly notes = new Map<string, IndexedNote>();
  private changed = false;

  constructor(
    snapshot?: NoteIndexSnapshot | null,
    private readonly store?: NoteIndexStore,
  ) {
    if (snapshot?.version !== NOTE_INDEX_VERSION || !snapshot.notes || typeof snapshot.notes !== "object") return;
    for (const [path, note] of Object.entries(snapshot.notes))
      if (typeof note?.mtime === "number" && typeof note.size === "number" && Array.isArray(note.links))
        this.notes.set(path, note);
  }

  get dirty(): boolean {
    return this.changed;
  }

  /**
   * A note as the index knows it when its stat matches; otherwise read, parsed and remembered
   * (then `text` is set). null when the note is gone or cannot be read.
   */
  async read(vault: VaultPort, path: string, stat: VaultFileStat): Promise<IndexedRead | null> {
    const known = this.notes.get(path);
    if (known && known.mtime === stat.mtime && known.size === stat.size) return { note: known };
    const text = await vault.read(path).catch(() => null);
    if (text === null) return null;
    // The stat was taken before the read: a note edited in between is read again next time.
    const note = describeNote(text, path, stat);
    this.notes.set(path, note);
    this.changed = true;
    return { note, text };
  }

  /** Drops entries of notes no longer in the vault (under `folder`, when the listing covered only it). */
  prune(livePaths: Iterable<string>, folder = ""): void {
    const live = new Set(livePaths);
    const prefix = folder === "" ? "" : folder.replace(/\/+$/, "") + "/";
    for (const path of this.notes.keys())
      if (path.startsWith(prefix) && !live.has(path)) {
        this.notes.delete(path);
        this.changed = true;
      }
  }

  /** Saves the index when it changed. */
  async persist(): Promise<void> {
    if (!this.store || !this.changed) return;
    await this.store.save({ version: NOTE_INDEX_VERSION, notes: Object.fromEntries(this.notes) });
    this.changed = false;
  }
}

/** Loads the persisted index (an unreadable or outdated one starts empty and is rewritten). */
export async function openNoteIndex(store: NoteIndexStore): Promise<NoteIndex> {
  return new NoteIndex(await store.load().catch(() => null), store);
}
