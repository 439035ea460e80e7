// The note graph of a lineage pack, from a small value saved beside the vault index (vault-pack.json):
// which files are notes, each note's resolved upstream and downstream edges and what child ranking
// reads of its frontmatter, stamped with every file's path and stat. While no file was added, removed
// or touched, a cold pack around a model reads that value and the notes the pack shows, never the
// per-note index; otherwise (or around a plain note, whose rings are links) the graph is built as
// before and the value saved again. Anything unexpected in the value makes it a miss.

import { statStamp } from "../note-index";
import { basename, type StatedFile, type VaultPort } from "../vault";
import { loadNoteGraph, NoteGraph } from "./note-graph";
import { SavedGraphNote, SavedNotes } from "./pack-graph-notes";
import { compareNames, rankFactsOf } from "./pack-pieces";
import { primeLineageEdges } from "./rings";

const NAME = "pack";
const FORMAT = 3;

/**
 * Flat lists of numbers and a few strings: parsing makes no object per note. Positions are in the
 * sorted listing of every file.
 */
export interface SavedPackGraph {
  format: number;
  /** The listing sorted by path, as positions in the listing (the stamp holds its order): no sort of every path. */
  order: number[];
  /** The positions of the files that are notes, ascending. */
  notes: number[];
  /** Per note, in that order: the number of its upstream edges, their positions, then the same downstream. */
  edges: number[];
  /** Per note: its `materialized` as an index in `words`; -1 when never ranked (no edge touches it). */
  materialized: number[];
  words: string[];
  /** The notes (by their index in `notes`) whose frontmatter names exposures, with them. */
  exposures: Array<[number, string[]]>;
  /**
   * Per note: its place by name, then path (compareNames), among the ranked notes; -1 when never
   * ranked. Children tied on everything else are ordered by it without comparing thousands of names.
   */
  names: number[];
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
  if (!saved) await index.saveDerived(NAME, stamp, packGraphValue(graph, files));
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
export function packGraphValue(graph: NoteGraph, files: readonly StatedFile[]): SavedPackGraph {
  const position = new Map(graph.paths.map((p, i) => [p, i]));
  const order = new Array<number>(files.length);
  files.forEach((f, i) => (order[position.get(f.path)!] = i));
  const connected = new Set<string>();
  for (const note of graph.notes.values())
    if (note.upstream.length > 0 || note.downstream.length > 0)
      for (const path of [note.path, ...note.upstream, ...note.downstream]) connected.add(path);
  const saved: SavedPackGraph = {
    format: FORMAT,
    order,
    notes: [],
    edges: [],
    materialized: [],
    words: [],
    exposures: [],
    names: [],
  };
  const word = new Map<string, number>();
  for (const path of graph.paths) {
    const note = graph.notes.get(path);
    if (!note) continue;
    const ordinal = saved.notes.push(position.get(path)!) - 1;
    for (const side of [note.upstream, note.downstream])
      saved.edges.push(side.length, ...side.map((p) => position.get(p)!));
    if (!connected.has(path)) {
      saved.materialized.push(-1);
      continue;
    }
    const { materialized, exposures } = rankFactsOf(note.frontmatter);
    if (!word.has(materialized)) word.set(materialized, saved.words.push(materialized) - 1);
    saved.materialized.push(word.get(materialized)!);
    if (exposures.length > 0) saved.exposures.push([ordinal, exposures]);
  }
  saved.names = nameOrder(saved, graph.paths);
  return saved;
}

/** Each ranked note's place by name, then path; names that compare equal share a place. */
function nameOrder(saved: SavedPackGraph, paths: readonly string[]): number[] {
  const named = (ordinal: number) => {
    const path = paths[saved.notes[ordinal]];
    return { path, name: basename(path) };
  };
  const ranked = saved.notes.map((_, i) => i).filter((i) => saved.materialized[i] !== -1);
  const keys = new Map(ranked.map((i) => [i, named(i)]));
  ranked.sort((a, b) => compareNames(keys.get(a)!, keys.get(b)!));
  const names = new Array<number>(saved.notes.length).fill(-1);
  let place = 0;
  ranked.forEach((ordinal, k) => {
    if (k > 0 && compareNames(keys.get(ranked[k - 1])!, keys.get(ordinal)!) !== 0) place = k;
    names[ordinal] = place;
  });
  return names;
}

/** The graph a saved value describes over these files, or null when it is not one this version wrote whole. */
export function restorePackGraph(value: unknown, files: readonly StatedFile[], vault: VaultPort): NoteGraph | null {
  const saved = value as Partial<SavedPackGraph> | null;
  if (!saved || saved.format !== FORMAT) return null;
  const sorted = sortedListing(saved.order, files);
  const notes = sorted && SavedNotes.check(saved, sorted, vault);
  if (!notes) return null;
  const graph = new RestoredGraph(sorted.map((f) => f.path));
  notes.graph = graph;
  for (let i = 0; i < notes.count; i++) {
    const note = new SavedGraphNote(notes, i);
    graph.notes.set(note.path, note);
  }
  primeLineageEdges(
    graph,
    (path) => notes.neighbours(path, "parents"),
    (path) => notes.neighbours(path, "children"),
  );
  return graph;
}

/** A graph whose notes know their place in the listing: no map of every path for the exclusions' order. */
class RestoredGraph extends NoteGraph {
  override positionOf(path: string): number | undefined {
    const note = this.notes.get(path);
    return note instanceof SavedGraphNote ? note.position : super.positionOf(path);
  }
}

/** The listing in path order, from the saved permutation, checked: a permutation, and in order. */
function sortedListing(order: unknown, files: readonly StatedFile[]): StatedFile[] | null {
  if (!Array.isArray(order) || order.length !== files.length) return null;
  const seen = new Uint8Array(files.length);
  const sorted = new Array<StatedFile>(files.length);
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as unknown;
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= files.length || seen[i]) return null;
    seen[i] = 1;
    sorted[k] = files[i];
    if (k > 0 && !(sorted[k - 1].path < sorted[k].path)) return null;
  }
  return sorted;
}
