// The notes of a restored pack graph (pack-graph.ts): the saved numbers checked once, then read in
// place. A note's edges become paths when first asked for, its text, frontmatter and links are read
// from the vault when a pack shows it, and the rings' parents and children come from the saved edges
// of every note at once.

import { describeNote, type IndexedNote } from "../note-index";
import { parseNote, type Frontmatter } from "../frontmatter";
import { basename, type StatedFile, type VaultFileStat, type VaultPort } from "../vault";
import type { NoteGraph, NoteNode, RankFacts } from "./note-graph";
import type { SavedPackGraph } from "./pack-graph";

type Adjacency = { start: Int32Array; targets: Int32Array };

export class SavedNotes {
  /** Set once the graph over these notes is made: links resolve through it. */
  graph!: NoteGraph;
  private adjacency?: { parents: Adjacency; children: Adjacency };

  private constructor(
    readonly saved: SavedPackGraph,
    /** Where each note's edges start in `saved.edges`. */
    private readonly offsets: Int32Array,
    readonly files: readonly StatedFile[],
    private readonly exposures: Map<number, string[]>,
    readonly vault: VaultPort,
  ) {}

  /** The saved value checked whole against the sorted listing, or null. */
  static check(value: Partial<SavedPackGraph>, files: readonly StatedFile[], vault: VaultPort): SavedNotes | null {
    const { notes, edges, materialized, words, exposures, names } = value;
    if (!isNumbers(notes) || !isNumbers(edges) || !isNumbers(materialized) || !Array.isArray(words)) return null;
    if (!Array.isArray(exposures) || materialized.length !== notes.length || !words.every(isText)) return null;
    if (!isNumbers(names) || names.length !== notes.length) return null;
    const offsets = new Int32Array(notes.length);
    let at = 0;
    for (let i = 0; i < notes.length; i++) {
      if (!isIndex(notes[i], files.length) || (i > 0 && notes[i] <= notes[i - 1])) return null;
      if (materialized[i] !== -1 && !isIndex(materialized[i], words.length)) return null;
      if ((materialized[i] === -1) !== (names[i] === -1) || (names[i] !== -1 && !isIndex(names[i], notes.length)))
        return null;
      offsets[i] = at;
      for (let side = 0; side < 2; side++) {
        const count = edges[at];
        if (!isIndex(count, edges.length - at)) return null;
        for (let k = at + 1; k <= at + count; k++) if (!isIndex(edges[k], files.length)) return null;
        at += 1 + count;
      }
    }
    if (at !== edges.length) return null;
    const named = new Map<number, string[]>();
    for (const entry of exposures as unknown[]) {
      const [ordinal, list] = Array.isArray(entry) ? (entry as unknown[]) : [];
      if (!isIndex(ordinal, notes.length) || !Array.isArray(list) || !list.every(isText)) return null;
      named.set(ordinal, list);
    }
    return new SavedNotes(value as SavedPackGraph, offsets, files, named, vault);
  }

  get count(): number {
    return this.saved.notes.length;
  }

  /** A note's place in the sorted listing (the graph's paths). */
  positionOf(ordinal: number): number {
    return this.saved.notes[ordinal];
  }

  pathOf(ordinal: number): string {
    return this.files[this.saved.notes[ordinal]].path;
  }

  statOf(ordinal: number): VaultFileStat {
    return this.files[this.saved.notes[ordinal]].stat;
  }

  /** A note's own upstream (side 0) or downstream (side 1) edges, as paths. */
  side(ordinal: number, side: 0 | 1): string[] {
    let at = this.offsets[ordinal];
    if (side === 1) at += 1 + this.saved.edges[at];
    const count = this.saved.edges[at];
    const out = new Array<string>(count);
    for (let k = 0; k < count; k++) out[k] = this.files[this.saved.edges[at + 1 + k]].path;
    return out;
  }

  rankOf(ordinal: number): RankFacts | undefined {
    const word = this.saved.materialized[ordinal];
    if (word === -1) return undefined;
    return {
      materialized: this.saved.words[word],
      exposures: this.exposures.get(ordinal) ?? [],
      nameOrder: this.saved.names[ordinal],
    };
  }

  /**
   * A note's parents (its upstream and the notes that list it downstream) or children, unique and in
   * path order: positions follow the sorted paths, so sorted numbers are sorted paths.
   */
  neighbours(path: string, which: "parents" | "children"): string[] {
    const { start, targets } = (this.adjacency ??= this.buildAdjacency())[which];
    const at = this.position(path);
    if (at < 0) return [];
    const found = [...new Set(targets.subarray(start[at], start[at + 1]))].sort((a, b) => a - b);
    return found.map((i) => this.files[i].path);
  }

  private buildAdjacency(): { parents: Adjacency; children: Adjacency } {
    const size = this.files.length;
    // Each edge twice: a note's upstream are its parents and it is their child, and the other way round.
    const visit = (edge: (parent: number, child: number) => void) => {
      const { notes, edges } = this.saved;
      for (let i = 0; i < notes.length; i++) {
        let at = this.offsets[i];
        for (let side = 0; side < 2; side++) {
          const count = edges[at];
          for (let k = at + 1; k <= at + count; k++)
            if (side === 0) edge(edges[k], notes[i]);
            else edge(notes[i], edges[k]);
          at += 1 + count;
        }
      }
    };
    const parents = { start: new Int32Array(size + 1), targets: new Int32Array(0) };
    const children = { start: new Int32Array(size + 1), targets: new Int32Array(0) };
    visit((parent, child) => {
      parents.start[child + 1]++;
      children.start[parent + 1]++;
    });
    for (let i = 0; i < size; i++) {
      parents.start[i + 1] += parents.start[i];
      children.start[i + 1] += children.start[i];
    }
    parents.targets = new Int32Array(parents.start[size]);
    children.targets = new Int32Array(children.start[size]);
    const parentFill = parents.start.slice(0, size);
    const childFill = children.start.slice(0, size);
    visit((parent, child) => {
      parents.targets[parentFill[child]++] = parent;
      children.targets[childFill[parent]++] = child;
    });
    return { parents, children };
  }

  private position(path: string): number {
    const note = this.graph.notes.get(path);
    if (note instanceof SavedGraphNote) return note.position;
    let low = 0;
    let high = this.files.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const here = this.files[mid].path;
      if (here === path) return mid;
      if (here < path) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}

function isNumbers(list: unknown): list is number[] {
  return Array.isArray(list) && list.every((n) => typeof n === "number");
}

function isIndex(value: unknown, length: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value < length;
}

function isText(value: unknown): value is string {
  return typeof value === "string";
}

/** A note of a restored graph: edges and rank facts as saved; text, frontmatter and links read on first use. */
export class SavedGraphNote implements NoteNode {
  readonly path: string;
  private nameText?: string;
  private rankFacts?: RankFacts | null;
  private ups?: string[];
  private downs?: string[];
  private loaded?: string;
  private parsed?: Frontmatter;
  private described?: IndexedNote;
  private resolvedLinks?: string[];

  /** Its index in the graph's paths. */
  readonly position: number;

  constructor(
    private readonly notes: SavedNotes,
    private readonly ordinal: number,
  ) {
    this.path = notes.pathOf(ordinal);
    this.position = notes.positionOf(ordinal);
  }

  get name(): string {
    return (this.nameText ??= basename(this.path));
  }

  get stat(): VaultFileStat {
    return this.notes.statOf(this.ordinal);
  }

  get upstream(): string[] {
    return (this.ups ??= this.notes.side(this.ordinal, 0));
  }

  get downstream(): string[] {
    return (this.downs ??= this.notes.side(this.ordinal, 1));
  }

  get rank(): RankFacts | undefined {
    if (this.rankFacts === undefined) this.rankFacts = this.notes.rankOf(this.ordinal) ?? null;
    return this.rankFacts ?? undefined;
  }

  get text(): string {
    if (this.loaded === undefined) {
      try {
        this.loaded = this.notes.vault.readNow!(this.path);
      } catch {
        this.loaded = ""; // gone since the listing: nothing to pack
      }
    }
    return this.loaded;
  }

  private get note(): IndexedNote {
    return (this.described ??= describeNote(this.text, this.path, this.stat));
  }

  /** The frontmatter alone, as describeNote parses it: a card needs no scan of the body's links. */
  get frontmatter(): Frontmatter {
    if (this.described) return this.described.frontmatter;
    try {
      return (this.parsed ??= parseNote(this.text, this.path).frontmatter);
    } catch {
      return (this.parsed = {});
    }
  }

  get tags(): string[] {
    return this.note.tags;
  }

  get links(): string[] {
    return (this.resolvedLinks ??= this.notes.graph.resolveAll(this.note.links, this.path));
  }

  get unreadable(): string | undefined {
    return this.note.unreadable;
  }
}
