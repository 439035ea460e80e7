// An in-memory VaultPort. The demo is built here first, with a fixed clock, so the files it puts on
// disk are byte-stable and a second run can compare instead of rewrite.

import { UserError } from "../core/errors";
import { editFrontmatter } from "../core/frontmatter";
import { isInFolder, normalizeVaultPath, type VaultFileStat, type VaultPort } from "../core/vault";

interface StoredFile {
  text: string;
  mtime: number;
}

export class MemoryVault implements VaultPort {
  private readonly files = new Map<string, StoredFile>();
  private readonly folders = new Set<string>();

  /** `now` stamps each write, so "files touched today" works as on disk. */
  constructor(public now: () => number = () => 0) {}

  async read(path: string): Promise<string> {
    const file = this.files.get(normalizeVaultPath(path));
    if (file === undefined) throw new UserError(`"${path}" does not exist in the vault`, { file: path });
    return file.text;
  }

  async write(path: string, content: string): Promise<void> {
    this.files.set(normalizeVaultPath(path), { text: content, mtime: this.now() });
  }

  /** One process, no await between the check and the write: atomic as the port requires. */
  async createExclusive(path: string, content: string): Promise<boolean> {
    if (this.files.has(normalizeVaultPath(path))) return false;
    await this.write(path, content);
    return true;
  }

  /** No await between reading and writing, so concurrent edits never interleave. */
  async process(path: string, edit: (current: string) => string): Promise<string> {
    const key = normalizeVaultPath(path);
    const file = this.files.get(key);
    if (file === undefined) throw new UserError(`"${path}" does not exist in the vault`, { file: path });
    const next = edit(file.text);
    if (next !== file.text) this.files.set(key, { text: next, mtime: this.now() });
    return next;
  }

  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.process(path, (text) => editFrontmatter(text, edit, path));
  }

  async exists(path: string): Promise<boolean> {
    return this.files.has(normalizeVaultPath(path));
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    const file = this.files.get(normalizeVaultPath(path));
    return file === undefined ? null : { mtime: file.mtime, size: new TextEncoder().encode(file.text).length };
  }

  /** Like FsVault: hidden folders (.obsidian, .decp) are not notes. */
  async list(folder = ""): Promise<string[]> {
    const root = normalizeVaultPath(folder);
    return this.allFiles().filter(
      (path) => isInFolder(path, root) && !path.split("/").some((segment) => segment.startsWith(".")),
    );
  }

  async mkdir(path: string): Promise<void> {
    const folder = normalizeVaultPath(path);
    const parts = folder.split("/");
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join("/");
      if (this.files.has(prefix))
        throw new UserError(
          `"${prefix}" is a file, not a folder`,
          { file: prefix },
          "Move the file or choose another folder in the settings",
        );
    }
    this.folders.add(folder);
  }

  /** A folder made with mkdir or holding a file. */
  async hasFolder(path: string): Promise<boolean> {
    const folder = normalizeVaultPath(path);
    return this.folders.has(folder) || this.allFiles().some((file) => isInFolder(file, folder) && file !== folder);
  }

  /** Folders made with mkdir, sorted: empty ones must exist on disk too. */
  allFolders(): string[] {
    return [...this.folders].sort();
  }

  /** Every file, hidden ones included, sorted: what gets copied out. */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }
}
