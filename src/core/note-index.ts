// The persisted vault index: what a note graph and the dbt lineage need of each note (frontmatter,
// tags, link targets as written), trusted while the note's mtime and size are those recorded, as
// the token cache trusts its counts. A cold CLI call then stats every note and reads and parses
// only the notes that changed. The CLI and the MCP server keep it in .decp/cache/vault-index.json
// (token counts stay in tokens-<encoding>.json); the plugin has Obsidian's metadata cache instead.
// Beside it the store keeps values derived from many notes at once (the vault lineage), each with the
// stamp of the paths and stats it was derived from: a cold `select` whose dbt notes are all unchanged
// reads that value alone and never parses the per-note index; a long-lived process (the MCP server)
// keeps the value in memory while the stamp holds.

import { bodyLinks, frontmatterLinks, noteTags } from "./context/links";
import { KeyHasher } from "./content-hash";
import { UserError } from "./errors";
import { parseNote, type Frontmatter } from "./frontmatter";
import type { StatedFile, VaultFileStat, VaultPort } from "./vault";

export const NOTE_INDEX_VERSION = 2;

export interface IndexedNote {
  mtime: number;
  size: number;
  frontmatter: Frontmatter;
  tags: string[];
  /** Link targets as written (not resolved: resolution depends on the whole vault), frontmatter first. */
  links: string[];
  /** The targets of the frontmatter's `upstream` and `downstream` links (model notes), as written. */
  upstream: string[];
  downstream: string[];
  /** Why the frontmatter could not be parsed; the note still counts, with no metadata. */
  unreadable?: string;
  /** Described for its frontmatter alone (a lineage read): `links` and `tags` are not filled in. */
  partial?: true;
}

/** What a reader needs of a note: its frontmatter (the lineage) or everything (the note graph). */
export type NoteNeed = "frontmatter" | "links";

/**
 * A note as the file keeps it: the frontmatter as JSON text, parsed only for the notes a call uses
 * (a model note's column lineage makes most of it; a pack around one model touches a few hundred).
 */
export interface SavedNote extends Omit<IndexedNote, "frontmatter"> {
  frontmatter: string;
}

export interface NoteIndexSnapshot {
  version: number;
  notes: Record<string, SavedNote>;
}

/** Where the index lives between runs. */
export interface NoteIndexStore {
  load(): Promise<NoteIndexSnapshot | null>;
  save(snapshot: NoteIndexSnapshot): Promise<void>;
  /** A derived value saved under `name` (what saveDerived was given), or null. */
  loadDerived?(name: string): Promise<unknown>;
  saveDerived?(name: string, saved: DerivedSnapshot): Promise<void>;
  /** A derived value kept as text (see derivedBytes), as its UTF-8 bytes, or null. */
  loadDerivedBytes?(name: string): Promise<Uint8Array | null>;
  saveDerivedText?(name: string, text: string): Promise<void>;
}

export interface DerivedSnapshot {
  version: number;
  stamp: string;
  value: unknown;
}

/** A key for a set of notes as they are now: any note added, removed, renamed or touched changes it. */
export function statStamp(scope: string, files: readonly StatedFile[]): string {
  const key = new KeyHasher().text(scope);
  for (const { path, stat } of files) key.text("\n").text(path).number(stat.mtime).number(stat.size);
  return `${files.length}-${key.digest()}`;
}

/**
 * What one note says, parsed from its text. For the frontmatter alone, links and tags are left out:
 * a first lineage read over thousands of model notes need not scan their bodies.
 */
export function describeNote(text: string, path: string, stat: VaultFileStat, need: NoteNeed = "links"): IndexedNote {
  let frontmatter: Frontmatter = {};
  let body = text;
  let unreadable: string | undefined;
  try {
    ({ frontmatter, body } = parseNote(text, path));
  } catch (error) {
    unreadable = error instanceof UserError ? error.describe() : String(error);
  }
  const partial = need === "frontmatter";
  // Unique: a model note names each neighbour in its frontmatter and again in its body.
  const links = partial
    ? []
    : [...new Set([...frontmatterLinks(frontmatter), ...bodyLinks(body).map((l) => l.target)])];
  const note: IndexedNote = {
    mtime: stat.mtime,
    size: stat.size,
    frontmatter,
    tags: partial ? [] : noteTags(frontmatter, body),
    links,
    upstream: frontmatterLinks(frontmatter.upstream),
    downstream: frontmatterLinks(frontmatter.downstream),
  };
  if (unreadable !== undefined) note.unreadable = unreadable;
  if (partial) note.partial = true;
  return note;
}

export interface IndexedRead {
  note: IndexedNote;
  /** The text, when this call had to read it (the index did not know the note as it is now). */
  text?: string;
}

function isSavedNote(note: SavedNote | null | undefined): note is SavedNote {
  return (
    typeof note?.mtime === "number" &&
    typeof note.size === "number" &&
    typeof note.frontmatter === "string" &&
    Array.isArray(note.tags) &&
    Array.isArray(note.links) &&
    Array.isArray(note.upstream) &&
    Array.isArray(note.downstream)
  );
}

/** The saved frontmatter text of notes made by fromSaved: written back as it was read. */
const savedFrontmatter = new WeakMap<IndexedNote, string>();

/** The note a saved entry describes, its frontmatter parsed on first use. */
function fromSaved(saved: SavedNote): IndexedNote {
  let frontmatter: Frontmatter | undefined;
  const { frontmatter: text, ...rest } = saved;
  const note = Object.defineProperty(rest, "frontmatter", {
    enumerable: true,
    get: (): Frontmatter => (frontmatter ??= parseSavedFrontmatter(text)),
  }) as IndexedNote;
  savedFrontmatter.set(note, text);
  return note;
}

function parseSavedFrontmatter(text: string): Frontmatter {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Frontmatter) : {};
  } catch {
    return {};
  }
}

export class NoteIndex {
  /** Entries as loaded (saved form) or as read in this process (parsed). */
  private readonly notes = new Map<string, SavedNote | IndexedNote>();
  private changed = false;
  /** Loads the store's snapshot: called on the first read, never when derived values answered alone. */
  private pending?: () => Promise<void>;
  private loading?: Promise<void>;
  /** Values this process derived or restored, by name, with their stamp: a server's calls share them. */
  private readonly kept = new Map<string, { stamp: string; value: unknown }>();

  constructor(
    snapshot?: NoteIndexSnapshot | null,
    private readonly store?: NoteIndexStore,
  ) {
    this.take(snapshot);
  }

  /** An index over `store` that parses its snapshot only when a note is first asked for. */
  static lazy(store: NoteIndexStore): NoteIndex {
    const index = new NoteIndex(null, store);
    index.pending = async () => index.take(await store.load().catch(() => null));
    return index;
  }

  private take(snapshot: NoteIndexSnapshot | null | undefined): void {
    if (snapshot?.version !== NOTE_INDEX_VERSION || !snapshot.notes || typeof snapshot.notes !== "object") return;
    for (const [path, note] of Object.entries(snapshot.notes))
      if (isSavedNote(note) && !this.notes.has(path)) this.notes.set(path, note);
  }

  /** Whether the per-note snapshot was parsed (a lazy index that only answered derived values was not). */
  get loaded(): boolean {
    return this.pending === undefined;
  }

  get dirty(): boolean {
    return this.changed;
  }

  /**
   * A note as the index knows it when its stat matches; otherwise read, parsed and remembered
   * (then `text` is set). null when the note is gone or cannot be read.
   */
  async read(
    vault: VaultPort,
    path: string,
    stat: VaultFileStat,
    need: NoteNeed = "links",
  ): Promise<IndexedRead | null> {
    if (this.pending) {
      await (this.loading ??= this.pending());
      this.pending = undefined;
    }
    const known = this.notes.get(path);
    if (known && known.mtime === stat.mtime && known.size === stat.size && (need === "frontmatter" || !known.partial)) {
      if (typeof known.frontmatter !== "string") return { note: known as IndexedNote };
      const note = fromSaved(known as SavedNote);
      this.notes.set(path, note);
      return { note };
    }
    const text = await vault.read(path).catch(() => null);
    if (text === null) return null;
    // The stat was taken before the read: a note edited in between is read again next time.
    const note = describeNote(text, path, stat, need);
    this.notes.set(path, note);
    this.changed = true;
    return { note, text };
  }

  /**
   * Drops entries of notes no longer in the vault (under `folder`, when the listing covered only it).
   * A lazy index that read no note has nothing loaded to drop.
   */
  prune(livePaths: Iterable<string>, folder = ""): void {
    if (this.pending) return;
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
    const notes: Record<string, SavedNote> = {};
    for (const [path, note] of this.notes) notes[path] = toSaved(note);
    await this.store.save({ version: NOTE_INDEX_VERSION, notes });
    this.changed = false;
  }

  /**
   * The value saved under `name` by saveDerived with this very stamp, or null (none saved, another
   * stamp, an unreadable or foreign-version file): the caller then derives it from the notes.
   */
  async derived(name: string, stamp: string): Promise<unknown> {
    const saved = (await this.store?.loadDerived?.(name).catch(() => null)) as Partial<DerivedSnapshot> | null;
    if (!saved || typeof saved !== "object" || saved.version !== NOTE_INDEX_VERSION || saved.stamp !== stamp)
      return null;
    return saved.value ?? null;
  }

  /** Saves a value derived from the notes `stamp` describes (their stats taken before they were read). */
  async saveDerived(name: string, stamp: string, value: unknown): Promise<void> {
    await this.store?.saveDerived?.(name, { version: NOTE_INDEX_VERSION, stamp, value });
  }

  /**
   * The UTF-8 bytes of the text saved under `name` by saveDerivedText, with the stamp it was saved
   * with, or null (none saved, an unreadable or foreign-version file). The file is a header line
   * (version and stamp, as JSON) and the text: the caller compares the stamp, decodes what it reads
   * (a big value's tail need never become a string) and checks it is whole.
   */
  async derivedBytes(name: string): Promise<{ stamp: string; bytes: Uint8Array } | null> {
    const bytes = await this.store?.loadDerivedBytes?.(name).catch(() => null);
    const split = bytes?.indexOf(0x0a) ?? -1;
    if (!bytes || split < 0) return null;
    try {
      const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, split))) as Partial<DerivedSnapshot> | null;
      if (header?.version !== NOTE_INDEX_VERSION || typeof header.stamp !== "string") return null;
      return { stamp: header.stamp, bytes: bytes.subarray(split + 1) };
    } catch {
      return null;
    }
  }

  async saveDerivedText(name: string, stamp: string, text: string): Promise<void> {
    await this.store?.saveDerivedText?.(name, JSON.stringify({ version: NOTE_INDEX_VERSION, stamp }) + "\n" + text);
  }

  /** Whether this process keeps a value under `name` (of any stamp). */
  keeps(name: string): boolean {
    return this.kept.has(name);
  }

  /** The value `keep` was given for `name` with this stamp in this process, or undefined. */
  recall<T>(name: string, stamp: string): T | undefined {
    const kept = this.kept.get(name);
    return kept?.stamp === stamp ? (kept.value as T) : undefined;
  }

  /** Keeps `value` in memory (one per name): the next call with the same stamp needs no file. */
  keep<T>(name: string, stamp: string, value: T): T {
    this.kept.set(name, { stamp, value });
    return value;
  }
}

/** A note in saved form; a frontmatter never parsed in this process is written back as it was read. */
function toSaved(note: SavedNote | IndexedNote): SavedNote {
  // Never touches a view's frontmatter getter: that would parse what is written back as it was.
  const text = savedFrontmatter.get(note as IndexedNote);
  if (text === undefined && typeof note.frontmatter === "string") return note as SavedNote;
  const { mtime, size, tags, links, upstream, downstream, unreadable, partial } = note;
  const saved: SavedNote = {
    mtime,
    size,
    frontmatter: text ?? JSON.stringify(note.frontmatter),
    tags,
    links,
    upstream,
    downstream,
  };
  if (unreadable !== undefined) saved.unreadable = unreadable;
  if (partial) saved.partial = true;
  return saved;
}

/** The persisted index over `store`, parsed when first needed (an unreadable or outdated one starts empty and is rewritten). */
export function openNoteIndex(store: NoteIndexStore): Promise<NoteIndex> {
  return Promise.resolve(NoteIndex.lazy(store));
}
