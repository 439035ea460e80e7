// An in-memory VaultPort. The demo is built here first, with a fixed clock, so the files it puts on
// disk are byte-stable and a second run can compare instead of rewrite.

import { UserError } from "../core/errors";
import { parseNote, stringifyNote } from "../core/frontmatter";
import { isInFolder, normalizeVaultPath, type VaultFileStat, type VaultPort } from "../core/vault";

export class MemoryVault implements VaultPort {
  private readonly files = new Map<string, string>();
  private readonly folders = new Set<string>();

  constructor(private readonly mtime: () => number = () => 0) {}

  async read(path: string): Promise<string> {
    const text = this.files.get(normalizeVaultPath(path));
    if (text === undefined) throw new UserError(`"${path}" does not exist in the vault`, { file: path });
    return text;
  }

  async write(path: string, content: string): Promise<void> {
    this.files.set(normalizeVaultPath(path), content);
  }

  async process(path: string, edit: (current: string) => string): Promise<string> {
    const next = edit(await this.read(path));
    this.files.set(normalizeVaultPath(path), next);
    return next;
  }

  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.process(path, (text) => {
      const note = parseNote(text, path);
      edit(note.frontmatter);
      return stringifyNote(note.frontmatter, note.body);
    });
  }

  async exists(path: string): Promise<boolean> {
    return this.files.has(normalizeVaultPath(path));
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    const text = this.files.get(normalizeVaultPath(path));
    return text === undefined ? null : { mtime: this.mtime(), size: new TextEncoder().encode(text).length };
  }

  /** Like FsVault: hidden folders (.obsidian, .decp) are not notes. */
  async list(folder = ""): Promise<string[]> {
    const root = normalizeVaultPath(folder);
    return this.allFiles().filter((path) => isInFolder(path, root) && !path.split("/").some((segment) => segment.startsWith(".")));
  }

  async mkdir(path: string): Promise<void> {
    this.folders.add(normalizeVaultPath(path));
  }

  /** Every file, hidden ones included, sorted: what gets copied out. */
  allFiles(): string[] {
    return [...this.files.keys()].sort();
  }
}
