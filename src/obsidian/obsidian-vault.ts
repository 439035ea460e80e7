// VaultPort over Obsidian's Vault API: the Editor for the open note, Vault.process and processFrontMatter for the rest,
// normalizePath on every path, no adapter API where the Vault API serves.

import { normalizePath, TFile, TFolder, type App } from "obsidian";
import { UserError } from "../core/errors";
import { normalizeVaultPath, parentFolder, type VaultFileStat, type VaultPort } from "../core/vault";
import { editInEditor, openEditorOf } from "./open-editor";

/** The note line of a YAML error inside the frontmatter (the block starts on the note's line 2). */
function yamlErrorLine(error: unknown): number | undefined {
  const e = error as { linePos?: { line: number }[]; mark?: { line: number } };
  if (e.linePos?.[0]) return e.linePos[0].line + 1; // yaml: 1-based within the block
  if (e.mark) return e.mark.line + 2; // js-yaml: 0-based within the block
  return undefined;
}

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
      await this.edit(existing, () => content);
      return;
    }
    if (existing instanceof TFolder) throw new UserError(`"${target}" is a folder, not a note`, { file: target });
    await this.mkdir(parentFolder(target));
    await this.app.vault.create(target, content);
  }

  async process(path: string, edit: (current: string) => string): Promise<string> {
    return this.edit(this.file(path), edit);
  }

  /** The open note through its editor (cursor and selection kept), any other note through Vault.process. */
  private edit(file: TFile, edit: (current: string) => string): Promise<string> {
    const view = openEditorOf(this.app, file);
    return view ? editInEditor(view, edit) : this.app.vault.process(file, edit);
  }

  /** The app's frontmatter writer; its YAMLParseError becomes a UserError naming the note and the line. */
  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    const file = this.file(path);
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
