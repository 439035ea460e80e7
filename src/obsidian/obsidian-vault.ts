// VaultPort over Obsidian's Vault API: the Editor for the open note, Vault.process and
// processFrontMatter for the rest, normalizePath on every path, no adapter API where the Vault API
// serves. On desktop every path is also confined by its real path (a symbolic link may not lead out
// of the vault), and exclusive creates of hidden files (.decp/ reservations) use O_EXCL on disk; on
// mobile, where no other decp process shares the disk, they are serialized inside the plugin
// (docs/ARCHITECTURE.md).

import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { UserError } from "../core/errors";
import { normalizeVaultPath, parentFolder, type VaultFileStat, type VaultPort } from "../core/vault";
import { desktopDisk, type DesktopDisk } from "./desktop-disk";
import { editInEditor, openEditorOf } from "./open-editor";

/** The note line of a YAML error inside the frontmatter (the block starts on the note's line 2). */
function yamlErrorLine(error: unknown): number | undefined {
  const e = error as { linePos?: { line: number }[]; mark?: { line: number } };
  if (e.linePos?.[0]) return e.linePos[0].line + 1; // yaml: 1-based within the block
  if (e.mark) return e.mark.line + 2; // js-yaml: 0-based within the block
  return undefined;
}

export class ObsidianVault implements VaultPort {
  private readonly disk: DesktopDisk | null;
  private exclusive: Promise<unknown> = Promise.resolve();

  constructor(private readonly app: App) {
    this.disk = desktopDisk(app);
  }

  private path(input: string): string {
    return normalizePath(normalizeVaultPath(input));
  }

  /** The normalized path, after the desktop real-path check. */
  private async confined(input: string): Promise<string> {
    const path = this.path(input);
    await this.disk?.confine(path);
    return path;
  }

  private file(path: string): TFile {
    const file = this.app.vault.getFileByPath(path);
    if (!file) throw new UserError(`"${path}" does not exist in the vault`, { file: path });
    return file;
  }

  async read(path: string): Promise<string> {
    return this.app.vault.cachedRead(this.file(await this.confined(path)));
  }

  async readBytes(path: string): Promise<Uint8Array> {
    return new Uint8Array(await this.app.vault.readBinary(this.file(await this.confined(path))));
  }

  async write(path: string, content: string): Promise<void> {
    const target = await this.confined(path);
    const existing = this.app.vault.getAbstractFileByPath(target);
    if (existing instanceof TFile) {
      await this.edit(existing, () => content);
      return;
    }
    if (existing instanceof TFolder) throw new UserError(`"${target}" is a folder, not a note`, { file: target });
    await this.mkdir(parentFolder(target));
    await this.app.vault.create(target, content);
  }

  /**
   * Notes: Vault.create, which refuses an existing path (atomic inside Obsidian). Hidden files (the
   * Vault API does not index them): O_EXCL on the desktop disk, else exists-then-write through the
   * adapter, one at a time.
   */
  async createExclusive(path: string, content: string): Promise<boolean> {
    const target = await this.confined(path);
    if (target.split("/").some((segment) => segment.startsWith("."))) {
      if (this.disk) return this.disk.createExclusive(target, content);
      const adapter = this.app.vault.adapter;
      const run = this.exclusive.then(async () => {
        if (await adapter.exists(target)) return false;
        await adapter.mkdir(parentFolder(target));
        await adapter.write(target, content);
        return true;
      });
      this.exclusive = run.catch(() => undefined);
      return run;
    }
    if (this.app.vault.getAbstractFileByPath(target)) return false;
    await this.mkdir(parentFolder(target));
    try {
      await this.app.vault.create(target, content);
      return true;
    } catch (error) {
      if (this.app.vault.getAbstractFileByPath(target)) return false;
      throw error;
    }
  }

  async process(path: string, edit: (current: string) => string): Promise<string> {
    return this.edit(this.file(await this.confined(path)), edit);
  }

  /** The open note through its editor (cursor and selection kept), any other note through Vault.process. */
  private edit(file: TFile, edit: (current: string) => string): Promise<string> {
    const view = openEditorOf(this.app, file);
    return view ? editInEditor(view, edit) : this.app.vault.process(file, edit);
  }

  /** The app's frontmatter writer; its YAMLParseError becomes a UserError naming the note and the line. */
  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    const file = this.file(await this.confined(path));
    try {
      await this.app.fileManager.processFrontMatter(file, (frontmatter: Record<string, unknown>) => edit(frontmatter));
    } catch (error) {
      if ((error as Error | null)?.name !== "YAMLParseError" && (error as Error | null)?.name !== "YAMLException")
        throw error;
      throw new UserError(
        `Malformed frontmatter: ${(error as Error).message.split("\n")[0]}`,
        { file: file.path, line: yamlErrorLine(error) },
        "Fix the YAML between the --- lines, then try again",
      );
    }
  }

  async exists(path: string): Promise<boolean> {
    return this.app.vault.getFileByPath(await this.confined(path)) !== null;
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    const file = this.app.vault.getFileByPath(await this.confined(path));
    return file ? { mtime: file.stat.mtime, size: file.stat.size } : null;
  }

  async list(folder = ""): Promise<string[]> {
    const start = await this.confined(folder);
    const root = start === "" || start === "/" ? this.app.vault.getRoot() : this.app.vault.getFolderByPath(start);
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
    await this.disk?.confine(target);
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
