// The vault's notes as a graph: links (body and frontmatter), backlinks, tags and dbt lineage edges
// from model notes' upstream/downstream, built from one read of each note.

import { UserError } from "../errors";
import { parseNote, type Frontmatter } from "../frontmatter";
import { isLineageResourceType } from "../dbt";
import { basename, parentFolder, type VaultPort } from "../vault";
import { linkTarget } from "../wikilinks";
import { isMarkdown } from "./file-kinds";
import { bodyLinks, frontmatterLinks, noteTags } from "./links";

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
}

export class NoteGraph {
  readonly notes = new Map<string, NoteNode>();
  readonly backlinks = new Map<string, string[]>();
  private readonly allPaths: string[];
  // Built once: resolve() runs for every link of every note while the graph loads.
  private readonly pathSet: Set<string>;
  private readonly byName = new Map<string, string[]>();
  /** Resolutions by folder and link text: a model note names each neighbour in frontmatter and body. */
  private readonly resolved = new Map<string, string | null>();

  constructor(allPaths: string[]) {
    this.allPaths = [...allPaths].sort();
    this.pathSet = new Set(this.allPaths);
    for (const path of this.allPaths) {
      // As in Obsidian, a link without an extension means a Markdown note: [[dim_customers]] is
      // never dim_customers.sql, even when the dbt project lives inside the vault.
      const names = isMarkdown(path) ? [basename(path), basename(path, true)] : [basename(path, true)];
      for (const key of names.map((n) => n.toLowerCase())) {
        const list = this.byName.get(key) ?? [];
        if (!list.includes(path)) list.push(path);
        this.byName.set(key, list);
      }
    }
  }

  get paths(): readonly string[] {
    return this.allPaths;
  }

  /**
   * Resolves link text the way Obsidian does, closely enough for context: an exact vault path
   * (with or without .md), a path relative to the linking note, else the note with that name
   * (same folder first, then the shortest path).
   */
  resolve(link: string, from = ""): string | null {
    const key = `${parentFolder(from)}\0${link}`;
    let found = this.resolved.get(key);
    if (found === undefined) this.resolved.set(key, (found = this.resolveUncached(link, from)));
    return found;
  }

  private resolveUncached(link: string, from: string): string | null {
    const clean = link.replace(/\\/g, "/").replace(/^\.\//, "").trim();
    if (!clean) return null;
    const exists = this.pathSet;
    const folder = parentFolder(from);
    const relative = folder && !clean.startsWith("/") ? joinRelative(folder, clean) : null;
    for (const candidate of [clean.replace(/^\//, ""), relative].filter((c): c is string => !!c)) {
      if (exists.has(candidate)) return candidate;
      if (exists.has(candidate + ".md")) return candidate + ".md";
    }
    const name = clean.slice(clean.lastIndexOf("/") + 1).toLowerCase();
    const suffix = clean.toLowerCase();
    const matches = (this.byName.get(name) ?? []).filter((p) => {
      const lower = p.toLowerCase();
      return (
        !clean.includes("/") ||
        lower.endsWith("/" + suffix) ||
        lower.endsWith("/" + suffix + ".md") ||
        lower === suffix ||
        lower === suffix + ".md"
      );
    });
    if (matches.length === 0) return null;
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
    return isLineageResourceType(note.frontmatter.type) || note.upstream.length > 0 || note.downstream.length > 0;
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

function unique(items: Array<string | null>, self: string): string[] {
  return [...new Set(items.filter((p): p is string => !!p && p !== self))];
}

/** Reads every Markdown note once and links them. Other files are nodes without links. */
export async function loadNoteGraph(vault: VaultPort, options: { maxBytes?: number } = {}): Promise<NoteGraph> {
  const graph = new NoteGraph(await vault.list());
  for (const path of graph.paths) {
    if (!isMarkdown(path)) continue;
    if (options.maxBytes !== undefined) {
      const stat = await vault.stat(path);
      if (!stat || stat.size > options.maxBytes) continue;
    }
    const text = await vault.read(path).catch(() => null);
    if (text === null) continue;
    let frontmatter: Frontmatter = {};
    let body = text;
    let unreadable: string | undefined;
    try {
      ({ frontmatter, body } = parseNote(text, path));
    } catch (error) {
      unreadable = error instanceof UserError ? error.describe() : String(error);
    }
    const linkList = (value: unknown) =>
      unique(
        frontmatterLinks(value).map((l) => graph.resolve(l, path)),
        path,
      );
    const body_ = bodyLinks(body).map((l) => graph.resolve(l.target, path));
    const fm = frontmatterLinks(frontmatter).map((l) => graph.resolve(l, path));
    graph.notes.set(path, {
      path,
      name: basename(path),
      text,
      frontmatter,
      tags: noteTags(frontmatter, body),
      links: unique([...fm, ...body_], path),
      upstream: linkList(frontmatter.upstream),
      downstream: linkList(frontmatter.downstream),
      unreadable,
    });
  }
  for (const note of graph.notes.values()) {
    for (const target of note.links) {
      const list = graph.backlinks.get(target) ?? [];
      list.push(note.path);
      graph.backlinks.set(target, list);
    }
  }
  return graph;
}
