// VaultPort over node:fs for the CLI and MCP server. Every path is normalized and confined to the
// vault root, by text and by real path (a symbolic link may not lead out); writes go through a temp
// file and rename so a crash never leaves half a note, and temp files a killed process left behind
// are removed when a listing meets them.
// File reads, writes and stats are synchronous: a note is a few kB, and fs.promises costs several
// thread-pool round trips per file (measured 5-10x slower over 10,000 notes, see bench/); one CLI or
// MCP request runs at a time, so blocking the event loop for one note costs nothing.

import {
  closeSync,
  constants,
  type Dirent,
  promises as fs,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import * as nodePath from "node:path";
import { UserError } from "../core/errors";
import { editFrontmatter } from "../core/frontmatter";
import { openNoteIndex, type NoteIndex } from "../core/note-index";
import { leavesVault, normalizeVaultPath, type StatedFile, type VaultFileStat, type VaultPort } from "../core/vault";
import { createFile, isTempFile, lstatNow, removeIfAbandoned, replaceFile } from "./fs-files";
import { NoteIndexFile } from "./note-index-file";

// How long a folder's real path is trusted: long enough for an import's thousands of writes, short
// enough that a link swapped in while the MCP server runs is caught on the next call.
const FOLDER_CHECK_MS = 1000;
// O_NOFOLLOW refuses to open a symbolic link, so a plain note needs no extra system call (0 on Windows).
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

export class FsVault implements VaultPort {
  readonly root: string;
  private readonly locks = new Map<string, Promise<unknown>>();
  private index?: Promise<NoteIndex>;
  private realRootPath?: string;
  private readonly checkedFolders = new Map<string, number>();

  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  /** Opens an existing vault folder; a missing path or a file is a user error. */
  static async open(root: string): Promise<FsVault> {
    const stat = await fs.stat(root).catch(() => null);
    if (!stat)
      throw new UserError(
        `Vault folder "${root}" does not exist`,
        { file: root },
        "Create it first, or run `decp init <folder>`",
      );
    if (!stat.isDirectory())
      throw new UserError(`Vault path "${root}" is a file, not a folder`, { file: root }, "Pass the vault folder");
    return new FsVault(root);
  }

  /** The absolute path of a vault path, confined by text (no `..`, no absolute paths). */
  absolute(path: string): string {
    const relative = normalizeVaultPath(path);
    // A path normalizeVaultPath kept as it was has no `.`, `..` or empty segment and is not absolute:
    // joined with a slash it is already normal and inside the root (every stat of a tally passes here).
    if (relative === path && relative !== "" && nodePath.sep === "/") return this.root + "/" + relative;
    const full = nodePath.join(this.root, relative);
    if (full !== this.root && !full.startsWith(this.root + nodePath.sep)) {
      throw new UserError(`Path "${path}" escapes the vault`, { file: path });
    }
    return full;
  }

  async read(path: string): Promise<string> {
    return this.readNow(path);
  }

  readNow(path: string): string {
    return this.readFile(path, "utf8");
  }

  /** The persisted vault index (.decp/cache/vault-index.json), loaded once; CLI and MCP server share the file. */
  noteIndex(): Promise<NoteIndex> {
    return (this.index ??= openNoteIndex(new NoteIndexFile(this.root)));
  }

  async readBytes(path: string): Promise<Uint8Array> {
    return this.readFile(path);
  }

  async write(path: string, content: string): Promise<void> {
    const full = this.confinedFolder(path);
    await this.serialize(full, () => Promise.resolve(replaceFile(full, content)));
  }

  async createExclusive(path: string, content: string): Promise<boolean> {
    const full = this.confinedFolder(path);
    return this.serialize(full, () => Promise.resolve(createFile(full, content)));
  }

  async process(path: string, edit: (current: string) => string): Promise<string> {
    const full = this.absolute(path);
    return this.serialize(full, async () => {
      const current = await this.read(path);
      const next = edit(current);
      if (next !== current) replaceFile(full, next);
      return next;
    });
  }

  async processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void> {
    await this.process(path, (text) => editFrontmatter(text, edit, path));
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)) !== null;
  }

  async stat(path: string): Promise<VaultFileStat | null> {
    return this.statNow(path);
  }

  statNow(path: string): VaultFileStat | null {
    const full = this.confinedFolder(path);
    let stat;
    try {
      // No options object: a missing file throws and is caught below (rare), a present one is the hot path.
      stat = lstatSync(full);
      if (stat.isSymbolicLink()) {
        this.confineRealPath(full, path);
        stat = statSync(full, { throwIfNoEntry: false });
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      return null;
    }
    return stat && stat.isFile() ? { mtime: stat.mtimeMs, size: stat.size } : null;
  }

  async list(folder = ""): Promise<string[]> {
    const out: string[] = [];
    this.walk(folder, (path) => out.push(path));
    return out.sort();
  }

  /**
   * Every file under `folder` with its stat, in one pass. A listed file is never a link and the walk
   * never enters a linked folder, so these stats need no confinement check of their own (a read still
   * makes its own).
   */
  async listStats(folder = ""): Promise<StatedFile[]> {
    const out: StatedFile[] = [];
    this.walk(folder, (path, full) => {
      const stat = lstatNow(full);
      if (stat?.isFile()) out.push({ path, stat: { mtime: stat.mtimeMs, size: stat.size } });
    });
    return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** Calls `visit` with the vault path and absolute path of every plain file under `folder`. */
  private walk(folder: string, visit: (path: string, full: string) => void): void {
    const start = this.absolute(folder);
    if (folder !== "" && lstatSync(start, { throwIfNoEntry: false }) !== undefined) this.confineRealPath(start, folder);
    const prefix = normalizeVaultPath(folder);
    const walk = (dir: string, relative: string): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const name = entry.name;
        const full = dir + nodePath.sep + name;
        if (name.endsWith(".tmp") && entry.isFile() && isTempFile(name)) {
          removeIfAbandoned(full, name);
          continue;
        }
        // Hidden folders (.obsidian, .git, .decp, .trash) are not notes; symbolic links are not followed.
        if (name.startsWith(".")) continue;
        const path = relative === "" ? name : relative + "/" + name;
        if (entry.isDirectory()) walk(full, path);
        else if (entry.isFile()) visit(path, full);
      }
    };
    walk(start, prefix);
  }

  async mkdir(path: string): Promise<void> {
    const full = this.absolute(path);
    this.confineRealPath(full, path);
    const stat = await fs.stat(full).catch(() => null);
    if (stat && !stat.isDirectory())
      throw new UserError(
        `"${path}" is a file, not a folder`,
        { file: path },
        "Move the file or choose another folder in the settings",
      );
    await fs.mkdir(full, { recursive: true });
  }

  private readFile(path: string): Buffer;
  private readFile(path: string, encoding: "utf8"): string;
  private readFile(path: string, encoding?: "utf8"): string | Buffer {
    const full = this.confinedFolder(path);
    let fd: number;
    try {
      fd = openSync(full, constants.O_RDONLY | NO_FOLLOW);
    } catch (error) {
      // ELOOP: the note itself is a symbolic link; follow it only when it stays inside.
      if ((error as NodeJS.ErrnoException).code !== "ELOOP") throw this.explain(error, path);
      this.confineRealPath(full, path);
      fd = openSync(full, constants.O_RDONLY);
    }
    try {
      return encoding ? readFileSync(fd, encoding) : readFileSync(fd);
    } catch (error) {
      throw this.explain(error, path);
    } finally {
      closeSync(fd);
    }
  }

  /** The absolute path, after checking that the folder holding it really is inside the vault. */
  private confinedFolder(path: string): string {
    const full = this.absolute(path);
    if (NO_FOLLOW === 0) {
      this.confineRealPath(full, path);
      return full;
    }
    const folder = nodePath.dirname(full);
    const now = Date.now();
    if ((this.checkedFolders.get(folder) ?? 0) < now) {
      this.confineRealPath(folder, path);
      this.checkedFolders.set(folder, now + FOLDER_CHECK_MS);
    }
    return full;
  }

  /** Resolves the deepest existing part of `full` and refuses it when it lies outside the vault's real root. */
  private confineRealPath(full: string, path: string): void {
    const realRoot = this.realRoot();
    for (let probe = full; ; probe = nodePath.dirname(probe)) {
      let real: string;
      try {
        real = realpathSync.native(probe);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // Nothing of the path exists yet, not even the root: the write will make it, inside.
        if ((code === "ENOENT" || code === "ENOTDIR") && probe === this.root) return;
        if ((code === "ENOENT" || code === "ENOTDIR") && probe !== nodePath.dirname(probe)) continue;
        throw this.explain(error, path);
      }
      if (leavesVault(realRoot, real, nodePath.sep)) throw escapesByLink(path);
      return;
    }
  }

  /** The root's real path; a root not made yet is its nearest existing parent's real path plus the rest. */
  private realRoot(): string {
    if (this.realRootPath !== undefined) return this.realRootPath;
    const missing: string[] = [];
    for (let probe = this.root; ; probe = nodePath.dirname(probe)) {
      try {
        const real = nodePath.join(realpathSync.native(probe), ...missing);
        if (missing.length === 0) this.realRootPath = real;
        return real;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" || probe === nodePath.dirname(probe)) throw error;
        missing.unshift(nodePath.basename(probe));
      }
    }
  }

  /** One edit at a time per file inside this process, so concurrent process() calls never interleave. */
  private async serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }

  private explain(error: unknown, path: string): Error {
    if (error instanceof UserError) return error;
    const code = (error as { code?: string }).code;
    if (code === "ENOENT") return new UserError(`"${path}" does not exist in the vault`, { file: path });
    if (code === "EISDIR") return new UserError(`"${path}" is a folder, not a note`, { file: path });
    if (code === "EACCES") return new UserError(`"${path}" cannot be read (permission denied)`, { file: path });
    return error as Error;
  }
}

export function escapesByLink(path: string): UserError {
  return new UserError(
    `"${path}" leads outside the vault through a symbolic link`,
    { file: path },
    "Nothing was read or written there; move the folder into the vault or remove the link",
  );
}
