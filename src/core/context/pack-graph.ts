// The note graph of a lineage pack, from a small value saved beside the vault index (vault-pack.json):
// which files are notes, each note's resolved upstream and downstream edges and what child ranking
// reads of its frontmatter, stamped with every file's path and stat. While no file was added, removed
// or touched, a cold pack around a model reads that value and the notes the pack shows, never the
// per-note index; otherwise (or around a plain note, whose rings are links) the graph is built as
// before and the value saved again. Anything unexpected in the value makes it a miss.

import { describeNote, statStamp, type IndexedNote } from "../note-index";
import { parseNote, type Frontmatter } from "../frontmatter";
import { basename, type StatedFile, type VaultFileStat, type VaultPort } from "../vault";
import { loadNoteGraph, NoteGraph, type NoteNode, type RankFacts } from "./note-graph";
import { rankFactsOf } from "./pack-pieces";
import { primeLineageEdges } from "./rings";

const NAME = "pack";
const FORMAT = 1;

/** Per note: its position in the sorted listing, its upstream and downstream positions, its rank facts (null: never ranked). */
type SavedNote = [number, number[], number[], RankFacts | null];

interface SavedPackGraph {
  format: number;
  notes: SavedNote[];
}

/**
 * The graph a pack around `focus` reads. Where the vault keeps an index and reads synchronously
 * (FsVault), a lineage focus is answered from the saved value when its stamp matches.
 */
export async function loadPackGraph(vault: VaultPort, focus: string, maxBytes?: number): Promise<NoteGraph> {
  const index = await vault.noteIndex?.();
  if (!index || !vault.listStats || !vault.readNow) return loadNoteGraph(vault, { maxBytes });
  const files = await vault.listStats();
  const stamp = statStamp(`pack\t${maxBytes ?? ""}`, files);
  const saved = restorePackGraph(await index.derived(NAME, stamp), files, vault);
  if (saved && isLineageFocus(saved, focus)) return saved;
  const graph = await loadNoteGraph(vault, { maxBytes, index, files });
  if (!saved) await index.saveDerived(NAME, stamp, packGraphValue(graph));
  return graph;
}

function isLineageFocus(graph: NoteGraph, focus: string): boolean {
  try {
    return graph.isLineageNote(graph.findNote(focus));
  } catch {
    return false; // no such note: the full graph says so in its own words
  }
}

/** The saved value of a graph built from the notes; rank facts for the notes an edge touches. */
export function packGraphValue(graph: NoteGraph): SavedPackGraph {
  const position = new Map(graph.paths.map((p, i) => [p, i]));
  const connected = new Set<string>();
  for (const note of graph.notes.values())
    if (note.upstream.length > 0 || note.downstream.length > 0)
      for (const path of [note.path, ...note.upstream, ...note.downstream]) connected.add(path);
  const notes: SavedNote[] = [];
  for (const note of graph.notes.values())
    notes.push([
      position.get(note.path)!,
      note.upstream.map((p) => position.get(p)!),
      note.downstream.map((p) => position.get(p)!),
      connected.has(note.path) ? rankFactsOf(note.frontmatter) : null,
    ]);
  return { format: FORMAT, notes };
}

/** The graph a saved value describes over these files, or null when it is not one this version wrote whole. */
export function restorePackGraph(value: unknown, files: readonly StatedFile[], vault: VaultPort): NoteGraph | null {
  const saved = value as Partial<SavedPackGraph> | null;
  if (!saved || saved.format !== FORMAT || !Array.isArray(saved.notes)) return null;
  const stats = new Map(files.map((f) => [f.path, f.stat]));
  const graph = new NoteGraph([...stats.keys()]);
  const paths = graph.paths;
  const at = (list: unknown): string[] | null => {
    if (!Array.isArray(list)) return null;
    const out = new Array<string>(list.length);
    for (let i = 0; i < list.length; i++) {
      const path = paths[list[i] as number];
      if (path === undefined) return null;
      out[i] = path;
    }
    return out;
  };
  // Parents and children by position: a note's own edges and those of the notes that name it.
  const parents = new Map<number, number[]>();
  const children = new Map<number, number[]>();
  const link = (map: Map<number, number[]>, from: number, to: number) => {
    const list = map.get(from);
    if (list) list.push(to);
    else map.set(from, [to]);
  };
  for (const entry of saved.notes as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 4) return null;
    const [where, up, down, rank] = entry as unknown[];
    const path = paths[where as number];
    const upstream = at(up);
    const downstream = at(down);
    if (path === undefined || !upstream || !downstream || graph.notes.has(path) || !isRank(rank)) return null;
    graph.notes.set(path, new SavedGraphNote(graph, vault, path, stats.get(path)!, upstream, downstream, rank));
    const self = where as number;
    for (const p of up as number[]) {
      link(parents, self, p);
      link(children, p, self);
    }
    for (const c of down as number[]) {
      link(children, self, c);
      link(parents, c, self);
    }
  }
  // Positions follow the sorted paths: sorted numbers are sorted paths.
  const position = positions(paths);
  const edges = (map: Map<number, number[]>) => (path: string) =>
    [...new Set(map.get(position(path)) ?? [])].sort((a, b) => a - b).map((i) => paths[i]);
  primeLineageEdges(graph, edges(parents), edges(children));
  return graph;
}

/** A path's position in the sorted listing (-1 for none), by binary search: no map of every path. */
function positions(paths: readonly string[]): (path: string) => number {
  return (path) => {
    let low = 0;
    let high = paths.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (paths[mid] === path) return mid;
      if (paths[mid] < path) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  };
}

function isRank(rank: unknown): rank is RankFacts | null {
  if (rank === null) return true;
  const facts = rank as Partial<RankFacts>;
  return (
    typeof facts === "object" &&
    typeof facts.materialized === "string" &&
    Array.isArray(facts.exposures) &&
    facts.exposures.every((e) => typeof e === "string")
  );
}

/** A note of a restored graph: edges and rank facts as saved; text, frontmatter and links read on first use. */
class SavedGraphNote implements NoteNode {
  readonly name: string;
  readonly rank?: RankFacts;
  private loaded?: string;
  private described?: IndexedNote;
  private parsed?: Frontmatter;
  private resolvedLinks?: string[];

  constructor(
    private readonly graph: NoteGraph,
    private readonly vault: VaultPort,
    readonly path: string,
    readonly stat: VaultFileStat,
    readonly upstream: string[],
    readonly downstream: string[],
    rank: RankFacts | null,
  ) {
    this.name = basename(path);
    if (rank) this.rank = rank;
  }

  get text(): string {
    if (this.loaded === undefined) {
      try {
        this.loaded = this.vault.readNow!(this.path);
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
    return (this.resolvedLinks ??= this.graph.resolveAll(this.note.links, this.path));
  }

  get unreadable(): string | undefined {
    return this.note.unreadable;
  }
}
