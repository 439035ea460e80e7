// MetadataCache kept in step with the Vault: every create/modify/delete/rename re-indexes the note,
// recomputes resolvedLinks/unresolvedLinks, then fires 'changed' / 'deleted' and 'resolved'.

import { Events, type EventRef } from "./events";
import { indexNote, type CachedMetadata } from "./note-index";
import { getLinkpath } from "./paths";
import { TAbstractFile, TFile, TFolder, type Vault } from "./vault";

export class MetadataCache extends Events {
  resolvedLinks: Record<string, Record<string, number>> = {};
  unresolvedLinks: Record<string, Record<string, number>> = {};
  private readonly caches = new Map<string, CachedMetadata>();
  private readonly texts = new Map<string, string>();

  constructor(private readonly vault: Vault) {
    super();
    vault.on("create", (file: TAbstractFile) => this.reindex(file));
    vault.on("modify", (file: TAbstractFile) => this.reindex(file));
    vault.on("delete", (file: TAbstractFile) => this.forget(file));
    vault.on("rename", (file: TAbstractFile, oldPath: string) => {
      if (!(file instanceof TFile)) return;
      const cache = this.caches.get(oldPath);
      const text = this.texts.get(oldPath);
      this.caches.delete(oldPath);
      this.texts.delete(oldPath);
      if (cache && text !== undefined) {
        this.caches.set(file.path, cache);
        this.texts.set(file.path, text);
      }
      this.resolveAll();
      this.trigger("resolved");
    });
  }

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
    const files = this.vault.getFiles();
    const exact = files.find((f) => wanted.includes(f.path.toLowerCase()));
    if (exact) return exact;
    const folder = sourcePath.includes("/") ? sourcePath.slice(0, sourcePath.lastIndexOf("/")) : "";
    if (folder !== "") {
      const relative = wanted.map((p) => `${folder.toLowerCase()}/${p}`);
      const near = files.find((f) => relative.includes(f.path.toLowerCase()));
      if (near) return near;
    }
    const candidates = files.filter((f) => wanted.some((w) => f.path.toLowerCase().endsWith(`/${w}`)));
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

  /** Synchronous, so a test can read the cache right after the write that changed it. */
  private reindex(file: TAbstractFile): void {
    if (!(file instanceof TFile)) return;
    if (file.extension !== "md") {
      this.resolveAll();
      this.trigger("resolved");
      return;
    }
    const text = this.vault.readNow(file);
    const cache = indexNote(text);
    this.caches.set(file.path, cache);
    this.texts.set(file.path, text);
    this.resolveAll();
    this.trigger("changed", file, text, cache);
    this.trigger("resolve", file);
    this.trigger("resolved");
  }

  private forget(file: TAbstractFile): void {
    if (file instanceof TFolder) return;
    const previous = this.caches.get(file.path) ?? null;
    this.caches.delete(file.path);
    this.texts.delete(file.path);
    this.resolveAll();
    this.trigger("deleted", file, previous);
    this.trigger("resolved");
  }

  /** Any note can start or stop resolving when one file appears or goes, so recompute all. */
  private resolveAll(): void {
    this.resolvedLinks = {};
    this.unresolvedLinks = {};
    for (const [source, cache] of this.caches) {
      const resolved: Record<string, number> = {};
      const unresolved: Record<string, number> = {};
      for (const ref of [...(cache.links ?? []), ...(cache.embeds ?? []), ...(cache.frontmatterLinks ?? [])]) {
        const linkpath = getLinkpath(ref.link);
        const dest = this.getFirstLinkpathDest(linkpath, source);
        if (dest) resolved[dest.path] = (resolved[dest.path] ?? 0) + 1;
        else unresolved[linkpath] = (unresolved[linkpath] ?? 0) + 1;
      }
      this.resolvedLinks[source] = resolved;
      this.unresolvedLinks[source] = unresolved;
    }
  }
}
