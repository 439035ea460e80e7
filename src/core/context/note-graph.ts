// The vault's notes as a graph: links (body and frontmatter), backlinks, tags and dbt lineage edges
// from model notes' upstream/downstream, built from one read of each note.

import { UserError } from "../errors";
import type { Frontmatter } from "../frontmatter";
import { isLineageResourceType } from "../dbt";
import { basename, parentFolder, type StatedFile, type VaultFileStat, type VaultPort } from "../vault";
import { linkTarget } from "../wikilinks";
import { isMarkdown } from "./file-kinds";
import { describeNote, type IndexedNote, type IndexedRead, type NoteIndex } from "../note-index";

export interface NoteNode {
  path: string;
  name: string;
  /** The text as read when the graph was built; packs use exactly this text. */
  text: string;
  frontmatter: Frontmatter;
  tags: string[];
  /** Resolved outgoing link targets (body + frontmatter), unique, in order. */
  links: string[];
  /** Resolved frontmatter upstream / downstream (model notes). */
  upstream: string[];
  downstream: string[];
  /** Set when the frontmatter could not be parsed (the note still counts, with no metadata). */
  unreadable?: string;
  /** The note's stat when the graph was built from the vault index (the token cache is keyed by it). */
  stat?: VaultFileStat;
  /** What child ranking reads of the frontmatter, when the graph was restored without parsing it. */
  rank?: RankFacts;
}

/** The frontmatter's `materialized` ("" when absent) and `exposures` (as text). */
export interface RankFacts {
  materialized: string;
  exposures: string[];
  /** The note's place among the graph's notes by name, then path (equal for names that compare equal). */
  nameOrder?: number;
}

export class NoteGraph {
  readonly notes = new Map<string, NoteNode>();
  private readonly allPaths: string[];
  private backlinkMap?: Map<string, string[]>;
  private positions?: Map<string, number>;
  // Built once: resolve() runs for every link of every note while the graph loads.
  private readonly pathSet: Set<string>;
  /** Paths by lower-case name: one path as itself (most names), several as a list (no array per name). */
  private readonly byName = new Map<string, string | string[]>();
  /** Resolutions by folder, then link text: a model note names each neighbour in frontmatter and body. */
  private readonly resolved = new Map<string, Map<string, string | null>>();

  constructor(allPaths: string[]) {
    this.allPaths = [...allPaths].sort();
    this.pathSet = new Set(this.allPaths);
    for (const path of this.allPaths) {
      // As in Obsidian, a link without an extension means a Markdown note: [[dim_customers]] is
      // never dim_customers.sql, even when the dbt project lives inside the vault.
      // Paths are unique, so a path is listed once under each of its (one or two) names.
      const file = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
      this.nameOf(file, path);
      if (isMarkdown(path)) {
        const dot = file.lastIndexOf(".");
        if (dot > 0) this.nameOf(file.slice(0, dot), path);
      }
    }
  }

  private nameOf(key: string, path: string): void {
    const known = this.byName.get(key);
    if (known === undefined) this.byName.set(key, path);
    else if (typeof known === "string") this.byName.set(key, [known, path]);
    else known.push(path);
  }

  private named(key: string): string[] {
    const known = this.byName.get(key);
    return known === undefined ? [] : typeof known === "string" ? [known] : known;
  }

  get paths(): readonly string[] {
    return this.allPaths;
  }

  /** A path's index in `paths` (undefined for none); the map is made on first use. */
  positionOf(path: string): number | undefined {
    return (this.positions ??= new Map(this.allPaths.map((p, i) => [p, i]))).get(path);
  }

  /**
   * The notes linking to each note, built on first use (after the graph is loaded): a lineage pack
   * walks upstream/downstream only, so a cold call never resolves every body link of every note.
   */
  get backlinks(): ReadonlyMap<string, string[]> {
    if (this.backlinkMap) return this.backlinkMap;
    const backlinks = new Map<string, string[]>();
    for (const note of this.notes.values()) {
      for (const target of note.links) {
        const list = backlinks.get(target) ?? [];
        list.push(note.path);
        backlinks.set(target, list);
      }
    }
    return (this.backlinkMap = backlinks);
  }

  /**
   * Resolves link text the way Obsidian does, closely enough for context: an exact vault path
   * (with or without .md), a path relative to the linking note, else the note with that name
   * (same folder first, then the shortest path).
   */
  resolve(link: string, from = ""): string | null {
    return this.resolveIn(this.resolutionsFrom(from), link, from);
  }

  /** Every link of one note, resolved, unique, without the note itself. */
  resolveAll(links: readonly string[], from: string): string[] {
    const known = this.resolutionsFrom(from);
    const out = new Set<string>();
    for (const link of links) {
      const path = this.resolveIn(known, link, from);
      if (path && path !== from) out.add(path);
    }
    return [...out];
  }

  private resolutionsFrom(from: string): Map<string, string | null> {
    const folder = parentFolder(from);
    let known = this.resolved.get(folder);
    if (!known) this.resolved.set(folder, (known = new Map<string, string | null>()));
    return known;
  }

  private resolveIn(known: Map<string, string | null>, link: string, from: string): string | null {
    let found = known.get(link);
    if (found === undefined) known.set(link, (found = this.resolveUncached(link, from)));
    return found;
  }

  private resolveUncached(link: string, from: string): string | null {
    const clean = link.replace(/\\/g, "/").replace(/^\.\//, "").trim();
    if (!clean) return null;
    const exists = this.pathSet;
    const folder = parentFolder(from);
    if (!clean.includes("/") && !clean.startsWith(".")) return this.resolveName(clean, folder);
    // Most links are plain names: only `.`, `..` and doubled slashes need the segment walk.
    const relative =
      folder && !clean.startsWith("/")
        ? /(^|\/)\.\.?(\/|$)|\/\//.test(clean)
          ? joinRelative(folder, clean)
          : `${folder}/${clean}`
        : null;
    for (const candidate of [clean.replace(/^\//, ""), relative].filter((c): c is string => !!c)) {
      if (exists.has(candidate)) return candidate;
      if (exists.has(candidate + ".md")) return candidate + ".md";
    }
    const name = clean.slice(clean.lastIndexOf("/") + 1).toLowerCase();
    const suffix = clean.toLowerCase();
    const matches = this.named(name).filter((p) => {
      const lower = p.toLowerCase();
      return (
        !clean.includes("/") ||
        lower.endsWith("/" + suffix) ||
        lower.endsWith("/" + suffix + ".md") ||
        lower === suffix ||
        lower === suffix + ".md"
      );
    });
    if (matches.length <= 1) return matches[0] ?? null;
    return this.closest(matches, folder);
  }

  /**
   * A plain name (no folder, no `.` or `..`), as most links are: the same answer as the general walk,
   * faster. Every path the walk could try has this name, so a name only one note has is that note.
   */
  private resolveName(clean: string, folder: string): string | null {
    const matches = this.byName.get(clean.toLowerCase());
    if (matches === undefined || typeof matches === "string") return matches ?? null;
    const exists = this.pathSet;
    if (exists.has(clean)) return clean;
    if (exists.has(clean + ".md")) return clean + ".md";
    if (folder) {
      const relative = folder + "/" + clean;
      if (exists.has(relative)) return relative;
      if (exists.has(relative + ".md")) return relative + ".md";
    }
    return this.closest(matches, folder);
  }

  /** Of several notes with one name: the one in the linking note's folder, else the shortest path. */
  private closest(matches: string[], folder: string): string {
    const sameFolder = matches.find((p) => parentFolder(p) === folder);
    if (sameFolder) return sameFolder;
    return [...matches].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))[0];
  }

  /** A note named by path, file name or model name; a UserError naming it when there is none. */
  findNote(reference: string): NoteNode {
    const path = this.resolve(linkTarget(reference));
    const note = path ? this.notes.get(path) : undefined;
    if (!note)
      throw new UserError(
        `No note or model named "${reference}"`,
        { token: reference },
        "Give a vault path, a note name or a dbt model name",
      );
    return note;
  }

  isLineageNote(note: NoteNode): boolean {
    // The edges first: they are at hand, the frontmatter of an indexed note is parsed on first use.
    return note.upstream.length > 0 || note.downstream.length > 0 || isLineageResourceType(note.frontmatter.type);
  }
}

function joinRelative(folder: string, link: string): string {
  const parts = folder.split("/");
  for (const segment of link.split("/")) {
    if (segment === "..") parts.pop();
    else if (segment !== ".") parts.push(segment);
  }
  return parts.filter(Boolean).join("/");
}

export interface NoteGraphOptions {
  /** Notes larger than this are left out (they are not counted either). */
  maxBytes?: number;
  /** The persisted vault index (default: the vault's own, when it keeps one): notes whose stat it
   * knows are not read or parsed to build the graph. */
  index?: NoteIndex;
  /** Every file with its stat, when the caller listed them already (FsVault's listStats). */
  files?: readonly StatedFile[];
}

/**
 * Reads every Markdown note once (or takes it from the index) and links them. Other files are nodes
 * without links. With an index, a note's text is read when first used, through the vault's
 * synchronous read when it has one.
 */
export async function loadNoteGraph(vault: VaultPort, options: NoteGraphOptions = {}): Promise<NoteGraph> {
  const index = options.index ?? (await vault.noteIndex?.());
  const statted = index || options.maxBytes !== undefined;
  // Every note's stat is needed: one listing with stats where the vault has it (FsVault), not a stat each.
  const listed = options.files ?? (statted && vault.listStats ? await vault.listStats() : null);
  const stats = statted && listed ? new Map(listed.map((f) => [f.path, f.stat])) : null;
  const graph = new NoteGraph(stats ? [...stats.keys()] : await vault.list());
  for (const path of graph.paths) {
    if (!isMarkdown(path)) continue;
    const stat = !statted ? null : stats ? (stats.get(path) ?? null) : await vault.stat(path);
    if (statted && !stat) continue;
    if (stat && options.maxBytes !== undefined && stat.size > options.maxBytes) continue;
    let read: IndexedRead | null;
    if (index) read = await index.read(vault, path, stat!);
    else {
      const text = await vault.read(path).catch(() => null);
      read = text === null ? null : { note: describeNote(text, path, stat ?? { mtime: 0, size: 0 }), text };
    }
    if (!read) continue;
    const text = read.text ?? (vault.readNow ? undefined : await vault.read(path).catch(() => ""));
    graph.notes.set(path, new GraphNote(graph, path, read.note, text, vault, stat));
  }
  if (index) {
    index.prune(graph.paths);
    await index.persist();
  }
  return graph;
}

/**
 * A graph node from what the note says; `text` undefined means read on first use. A class, not a
 * literal with getters: a cold call makes one per note, and per-note accessor closures cost GC time.
 */
class GraphNote implements NoteNode {
  readonly name: string;
  readonly tags: string[];
  readonly upstream: string[];
  readonly downstream: string[];
  readonly unreadable?: string;
  readonly stat?: VaultFileStat;
  private loaded: string | undefined;
  private resolvedLinks?: string[];

  constructor(
    private readonly graph: NoteGraph,
    readonly path: string,
    private readonly note: IndexedNote,
    text: string | undefined,
    private readonly vault: VaultPort,
    stat: VaultFileStat | null,
  ) {
    this.name = basename(path);
    this.tags = note.tags;
    this.upstream = graph.resolveAll(note.upstream, path);
    this.downstream = graph.resolveAll(note.downstream, path);
    this.unreadable = note.unreadable;
    this.stat = stat ?? undefined;
    this.loaded = text;
  }

  get text(): string {
    if (this.loaded === undefined) {
      try {
        this.loaded = this.vault.readNow!(this.path);
      } catch {
        this.loaded = ""; // gone since the graph was built: nothing to pack
      }
    }
    return this.loaded;
  }

  /** From the index, parsed when first asked for: a pack reads the frontmatter of the notes it packs. */
  get frontmatter(): Frontmatter {
    return this.note.frontmatter;
  }

  /** Resolved on first use: lineage rings need upstream/downstream only. */
  get links(): string[] {
    return (this.resolvedLinks ??= this.graph.resolveAll(this.note.links, this.path));
  }
}
