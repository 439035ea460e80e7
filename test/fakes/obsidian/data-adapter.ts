// vault.adapter for what the Vault API does not index: files under a dot folder (.obsidian, .decp).
// Notes stay the Vault's: reads fall through to it, and writing a note here is refused, because the
// Vault API (with its events and metadata cache) is the way to change one.

import { normalizePath } from "./paths";
import type { Vault } from "./vault";

export interface Stat {
  type: "file" | "folder";
  ctime: number;
  mtime: number;
  size: number;
}

const hidden = (path: string): boolean => path.split("/").some((part) => part.startsWith("."));

export class FakeDataAdapter {
  /** Fake-only: files under dot folders (".decp/settings.json"), by path, as written. */
  readonly hidden = new Map<string, string>();
  private readonly mtimes = new Map<string, number>();
  private readonly folders = new Set<string>();

  constructor(private readonly vault: Vault) {}

  getName(): string {
    return this.vault.getName();
  }

  async exists(normalizedPath: string, sensitive?: boolean): Promise<boolean> {
    void sensitive;
    const path = normalizePath(normalizedPath);
    return (
      this.hidden.has(path) ||
      this.folders.has(path) ||
      [...this.hidden.keys()].some((file) => file.startsWith(`${path}/`)) ||
      this.vault.getAbstractFileByPath(path) !== null
    );
  }

  async stat(normalizedPath: string): Promise<Stat | null> {
    const data = this.hidden.get(normalizedPath);
    if (data !== undefined) {
      const mtime = this.mtimes.get(normalizedPath) ?? 0;
      return { type: "file", ctime: mtime, mtime, size: data.length };
    }
    if (this.folders.has(normalizedPath)) return { type: "folder", ctime: 0, mtime: 0, size: 0 };
    const note = this.vault.getFileByPath(normalizedPath);
    return note ? { type: "file", ...note.stat } : null;
  }

  async read(normalizedPath: string): Promise<string> {
    normalizedPath = normalizePath(normalizedPath);
    const data = this.hidden.get(normalizedPath);
    if (data !== undefined) return data;
    const note = this.vault.getFileByPath(normalizedPath);
    if (note) return this.vault.read(note);
    throw new Error(`ENOENT: no such file or directory, open '${normalizedPath}'`);
  }

  async write(normalizedPath: string, data: string): Promise<void> {
    if (!hidden(normalizedPath))
      throw new Error(`Fake adapter: write "${normalizedPath}" through the Vault API (vault.create/process)`);
    const parent = normalizedPath.slice(0, Math.max(0, normalizedPath.lastIndexOf("/")));
    if (parent !== "" && !this.folders.has(parent))
      throw new Error(`ENOENT: no such file or directory, open '${normalizedPath}'`);
    this.hidden.set(normalizedPath, data);
    this.mtimes.set(normalizedPath, Date.now());
  }

  async mkdir(normalizedPath: string): Promise<void> {
    const parts = normalizedPath.split("/");
    for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join("/"));
  }

  async remove(normalizedPath: string): Promise<void> {
    if (!this.hidden.delete(normalizedPath))
      throw new Error(`ENOENT: no such file or directory, unlink '${normalizedPath}'`);
  }

  async list(normalizedPath: string): Promise<{ files: string[]; folders: string[] }> {
    const under = (path: string): boolean =>
      path.startsWith(`${normalizedPath}/`) && !path.slice(normalizedPath.length + 1).includes("/");
    return { files: [...this.hidden.keys()].filter(under), folders: [...this.folders].filter(under) };
  }
}
