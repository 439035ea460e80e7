// MetadataCache as Obsidian keeps it: a note is indexed after it is written, not during the write, so
// getFileCache is null for a new note and stale for a changed one until 'changed' fires (a macrotask
// later, as Obsidian's worker answers). resolvedLinks/unresolvedLinks are worked out lazily, from a
// name index, when first read after a change: seeding a vault costs one index per note.

import { Events, type EventRef } from "./events";
import { indexNote, type CachedMetadata } from "./note-index";
import { getLinkpath } from "./paths";
import { TAbstractFile, TFile, TFolder, type Vault } from "./vault";

type LinkTable = Record<string, Record<string, number>>;

export class MetadataCache extends Events {
  private readonly caches = new Map<string, CachedMetadata>();
  /** Notes written but not indexed yet, in write order. */
  private readonly pending = new Set<TFile>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** Lower-cased path -> file, and lower-cased file name -> files: link resolution without a scan. */
  private readonly byPath = new Map<string, TFile>();
  private readonly byName = new Map<string, TFile[]>();
  private links: { resolved: LinkTable; unresolved: LinkTable } | null = null;

  constructor(private readonly vault: Vault) {
    super();
    vault.on("create", (file: TAbstractFile) => {
      if (!(file instanceof TFile)) return;
      this.addName(file);
      this.queue(file);
    });
    vault.on("modify", (file: TAbstractFile) => {
      if (file instanceof TFile) this.queue(file);
    });
    vault.on("delete", (file: TAbstractFile) => this.forget(file));
    vault.on("rename", (file: TAbstractFile, oldPath: string) => {
      if (!(file instanceof TFile)) return;
      this.dropName(oldPath);
      this.addName(file);
      // Obsidian moves the cache with the file; nothing is re-parsed.
      const cache = this.caches.get(oldPath);
      this.caches.delete(oldPath);
      if (cache) this.caches.set(file.path, cache);
      this.links = null;
      this.trigger("resolved");
    });
  }

  get resolvedLinks(): LinkTable {
    return this.linkTables().resolved;
  }

  get unresolvedLinks(): LinkTable {
    return this.linkTables().unresolved;
  }

  /** Null until the note has been indexed (a new note, or any note while the vault is indexing). */
  getFileCache(file: TFile): CachedMetadata | null {
    return this.getCache(file.path);
  }

  getCache(path: string): CachedMetadata | null {
    return this.caches.get(path) ?? null;
  }

  /** Obsidian's resolution: exact path (".md" optional), relative to the source, then the shortest path ending in the name. */
  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    const path = getLinkpath(linkpath).trim();
    if (path === "") return this.vault.getFileByPath(sourcePath);
    const wanted = [path, `${path}.md`].map((p) => p.toLowerCase());
    for (const w of wanted) {
      const exact = this.byPath.get(w);
      if (exact) return exact;
    }
    const folder = sourcePath.includes("/") ? sourcePath.slice(0, sourcePath.lastIndexOf("/")) : "";
    if (folder !== "") {
      for (const w of wanted) {
        const near = this.byPath.get(`${folder.toLowerCase()}/${w}`);
        if (near) return near;
      }
    }
    const candidates = wanted.flatMap((w) =>
      (this.byName.get(w.slice(w.lastIndexOf("/") + 1)) ?? []).filter((f) => f.path.toLowerCase().endsWith(`/${w}`)),
    );
    candidates.sort((a, b) => a.path.length - b.path.length || a.path.localeCompare(b.path));
    return candidates[0] ?? null;
  }

  /** Shortest text that links to `file` from `sourcePath`: the name when unambiguous, else the path. */
  fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
    const strip = omitMdExtension && file.extension === "md";
    const name = strip ? file.basename : file.name;
    if (this.getFirstLinkpathDest(name, sourcePath) === file) return name;
    return strip ? file.path.slice(0, -3) : file.path;
  }

  override on(
    name: "changed" | "deleted" | "resolve" | "resolved",
    callback: (...data: never[]) => unknown,
    ctx?: unknown,
  ): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /** Fake-only: indexes every written note now (a vault opened with a warm cache; createApp calls it after seeding). */
  indexNow(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const files = [...this.pending];
    this.pending.clear();
    const indexed: TFile[] = [];
    for (const file of files) {
      if (this.vault.getFileByPath(file.path) !== file) continue;
      if (file.extension === "md") {
        const text = this.vault.readNow(file);
        const cache = indexNote(text);
        this.caches.set(file.path, cache);
        this.trigger("changed", file, text, cache);
      }
      indexed.push(file);
    }
    this.links = null;
    for (const file of indexed) if (file.extension === "md") this.trigger("resolve", file);
    if (indexed.length > 0) this.trigger("resolved");
  }

  /** Fake-only: notes written and not yet indexed. */
  get indexing(): number {
    return this.pending.size;
  }

  private queue(file: TFile): void {
    this.pending.add(file);
    this.flushTimer ??= setTimeout(() => this.indexNow(), 0);
  }

  private forget(file: TAbstractFile): void {
    if (file instanceof TFolder) return;
    this.pending.delete(file as TFile);
    this.dropName(file.path);
    const previous = this.caches.get(file.path) ?? null;
    this.caches.delete(file.path);
    this.links = null;
    this.trigger("deleted", file, previous);
    this.trigger("resolved");
  }

  private addName(file: TFile): void {
    this.byPath.set(file.path.toLowerCase(), file);
    const key = file.name.toLowerCase();
    const list = this.byName.get(key) ?? [];
    if (!list.includes(file)) list.push(file);
    this.byName.set(key, list);
    this.links = null;
  }

  private dropName(path: string): void {
    const file = this.byPath.get(path.toLowerCase());
    this.byPath.delete(path.toLowerCase());
    const key = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
    const list = (this.byName.get(key) ?? []).filter((f) => f !== file && f.path !== path);
    if (list.length > 0) this.byName.set(key, list);
    else this.byName.delete(key);
    this.links = null;
  }

  /** Worked out on first read after any change: one lookup per link, through the name index. */
  private linkTables(): { resolved: LinkTable; unresolved: LinkTable } {
    if (this.links) return this.links;
    const resolvedLinks: LinkTable = {};
    const unresolvedLinks: LinkTable = {};
    // A note often names one neighbour several times (frontmatter, body, diagram): resolve each once per folder.
    const memo = new Map<string, TFile | null>();
    for (const [source, cache] of this.caches) {
      const resolved: Record<string, number> = {};
      const unresolved: Record<string, number> = {};
      const folder = source.slice(0, Math.max(0, source.lastIndexOf("/")));
      for (const ref of [...(cache.links ?? []), ...(cache.embeds ?? []), ...(cache.frontmatterLinks ?? [])]) {
        const linkpath = getLinkpath(ref.link);
        const key = linkpath.trim() === "" ? `${source}\0` : `${folder}\0${linkpath}`;
        let dest = memo.get(key);
        if (dest === undefined) memo.set(key, (dest = this.getFirstLinkpathDest(linkpath, source)));
        if (dest) resolved[dest.path] = (resolved[dest.path] ?? 0) + 1;
        else unresolved[linkpath] = (unresolved[linkpath] ?? 0) + 1;
      }
      resolvedLinks[source] = resolved;
      unresolvedLinks[source] = unresolved;
    }
    this.links = { resolved: resolvedLinks, unresolved: unresolvedLinks };
    return this.links;
  }
}
