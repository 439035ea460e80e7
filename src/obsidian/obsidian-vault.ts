// VaultPort over Obsidian's Vault API: Vault.process and FileManager.processFrontMatter for edits,
// normalizePath on every path, no adapter API where the Vault API serves.

import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { UserError } from "../core/errors";
import { normalizeVaultPath, parentFolder, type VaultFileStat, type VaultPort } from "../core/vault";

export class ObsidianVault implements VaultPort {
  constructor(private readonly app: App) {}

  private path(input: string): string {
    return normalizePath(normalizeVaultPath(input));
  }

  private file(path: string): TFile {
    const file = this.app.vault.getFileByPath(this.path(path));
    if (!file) throw new UserError(`"${path}" does not exist in the vault`, { file: path });
    return file;
  }

  async read(path: string): Promise<string> {
    return this.app.vault.cachedRead(this.file(path));
  }

  async readBytes(path: string): Promise<Uint8Array> {
    return new Uint8Array(await this.app.vault.readBinary(this.file(path)));
  }

  async write(path: string, content: string): Promise<void> {
    const target = this.path(path);
    const existing = this.app.vault.getAbstractFileByPath(target);
    if (existing instanceof TFile) {
      await this.app.vault.process(existing, () => content);
      return;
    }
    if (existing instanceof TFolder) throw new UserError(`"${target}" is a folder, not a note`, { file: target });
    await this.mkdir(parentFolder(target));
    await this.app.vault.create(target, content);
  }

  async process(path: string, edit: (current: string) => string): Promise<string> {
    return this.app.vault.process(this.file(path), edit);
  }

  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.app.fileManager.processFrontMatter(this.file(path), (frontmatter: Record<string, unknown>) =>
      edit(frontmatter),
    );
  }

  async exists(path: string): Promise<boolean> {
    return this.app.vault.getFileByPath(this.path(path)) !== null;
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    const file = this.app.vault.getFileByPath(this.path(path));
    return file ? { mtime: file.stat.mtime, size: file.stat.size } : null;
  }

  async list(folder = ""): Promise<string[]> {
    const root = folder === "" ? this.app.vault.getRoot() : this.app.vault.getFolderByPath(this.path(folder));
    if (!root) return [];
    const out: string[] = [];
    const walk = (dir: TFolder): void => {
      for (const child of dir.children) {
        // Same view as FsVault: hidden folders (.obsidian, .decp, .trash) are not notes.
        if (child.name.startsWith(".")) continue;
        if (child instanceof TFile) out.push(child.path);
        else if (child instanceof TFolder) walk(child);
      }
    };
    walk(root);
    return out.sort();
  }

  async mkdir(path: string): Promise<void> {
    const target = this.path(path);
    if (target === "" || target === "/") return;
    const existing = this.app.vault.getAbstractFileByPath(target);
    if (existing instanceof TFolder) return;
    if (existing)
      throw new UserError(
        `"${target}" is a file, not a folder`,
        { file: target },
        "Move the file or choose another folder in the settings",
      );
    await this.mkdir(parentFolder(target));
    await this.app.vault.createFolder(target);
  }
}
