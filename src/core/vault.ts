// VaultPort: the only way core touches files. FsVault (CLI) and ObsidianVault (plugin) implement it.
// Paths are vault-relative, forward-slash, normalized and confined by normalizeVaultPath.

import { UserError } from "./errors";
import type { NoteIndex } from "./note-index";

export interface VaultFileStat {
  mtime: number;
  size: number;
}

export interface StatedFile {
  path: string;
  stat: VaultFileStat;
}

export interface VaultPort {
  /** Text of a file; throws UserError when it is missing. */
  read(path: string): Promise<string>;
  /** Creates or replaces a whole file, creating parent folders. */
  write(path: string, content: string): Promise<void>;
  /**
   * Creates a file only when nothing is at `path` (parent folders made): false when something is.
   * Atomic across processes where the platform allows it (see docs/ARCHITECTURE.md, "Ids and
   * reservations"): ids and record names are reserved through it.
   */
  createExclusive(path: string, content: string): Promise<boolean>;
  /** Atomic edit: `edit` receives the current text and returns the new text. Returns the new text. */
  process(path: string, edit: (current: string) => string): Promise<string>;
  /** Atomic frontmatter edit: `edit` mutates the parsed frontmatter object in place. */
  processFrontMatter(path: string, edit: (frontmatter: Record<string, unknown>) => void): Promise<void>;
  exists(path: string): Promise<boolean>;
  /** null when the path is not a file. */
  stat(path: string): Promise<VaultFileStat | null>;
  /** stat(), synchronously, where the adapter can (FsVault): a warm tally stats thousands of files
   * and awaits none of them. */
  statNow?(path: string): VaultFileStat | null;
  /** Every file path under `folder` (recursive; whole vault when omitted), sorted. */
  list(folder?: string): Promise<string[]>;
  /** Creates a folder and its parents; no-op when it exists. */
  mkdir(path: string): Promise<void>;
  /** Reads bytes, for files that may not be text (tally skips binaries). */
  readBytes?(path: string): Promise<Uint8Array>;
  /** Text of a file, synchronously, where the adapter can (FsVault): a note graph built from the
   * vault index reads a note's text only when a pack uses it. Throws like read(). */
  readNow?(path: string): string;
  /** Every file under `folder` with its stat, sorted like list(), where the adapter lists and stats in
   * one pass (FsVault): a cold CLI call stats every note. */
  listStats?(folder?: string): Promise<StatedFile[]>;
  /** The persisted vault index, where the adapter keeps one (FsVault: .decp/cache/vault-index.json,
   * shared by the CLI and the MCP server). Loaded once per vault object. */
  noteIndex?(): Promise<NoteIndex>;
}

/**
 * Normalizes a vault-relative path the way Obsidian's normalizePath does (slashes, duplicate
 * separators, leading/trailing slashes, non-breaking spaces) and refuses paths that would leave the
 * vault: `..` segments, absolute paths, drive letters and NUL bytes.
 */
// A path that is already normal (no backslash, NUL or odd space, no empty, `.` or `..` segment, not
// absolute, no surrounding blanks) is returned as is: every stat and read of a big vault passes here.
const NEEDS_WORK = /[\\\0\u00a0\u202f]|\/\/|(^|\/)\.\.?(\/|$)|^[/~]|^[a-zA-Z]:|\/$|^\s|\s$/;

export function normalizeVaultPath(input: string): string {
  if (typeof input !== "string") throw new UserError("A path must be text");
  if (!NEEDS_WORK.test(input)) return input;
  if (input.includes("\0")) {
    throw new UserError(
      `Path ${JSON.stringify(input.replace(/\0/g, "\\0"))} contains a NUL byte`,
      { file: input },
      "Remove the NUL character from the path",
    );
  }
  const raw = input
    .replace(/\u00a0|\u202f/g, " ")
    .replace(/\\/g, "/")
    .trim();
  if (raw.startsWith("/") || /^[a-zA-Z]:/.test(raw) || raw.startsWith("~")) {
    throw new UserError(`Path "${input}" is absolute`, { file: input }, "Use a path relative to the vault folder");
  }
  const parts: string[] = [];
  for (const segment of raw.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      throw new UserError(
        `Path "${input}" escapes the vault`,
        { file: input },
        "Use a path inside the vault, without '..'",
      );
    }
    parts.push(segment);
  }
  return parts.join("/");
}

/**
 * True when `real` (a resolved absolute path) is neither the vault's resolved root nor beneath it:
 * the real-path half of confinement, shared by FsVault and the plugin's desktop check.
 */
export function leavesVault(realRoot: string, real: string, separator: string): boolean {
  const root = realRoot.endsWith(separator) ? realRoot.slice(0, -1) : realRoot;
  return real !== root && !real.startsWith(root + separator);
}

/** Joins vault path segments and normalizes the result. */
export function joinVaultPath(...segments: string[]): string {
  return normalizeVaultPath(segments.filter((s) => s !== "").join("/"));
}

export function parentFolder(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function basename(path: string, withExtension = false): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (withExtension) return name;
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(0, dot) : name;
}

/** True when `path` is `folder` itself or lies beneath it ("" is the vault root). */
export function isInFolder(path: string, folder: string): boolean {
  if (folder === "") return true;
  return path === folder || path.startsWith(folder + "/");
}

/** Every file under `folder` with its stat (files gone since the listing are left out). */
export async function listWithStats(vault: VaultPort, folder = ""): Promise<StatedFile[]> {
  if (vault.listStats) return vault.listStats(folder);
  const out: StatedFile[] = [];
  for (const path of await vault.list(folder)) {
    const stat = await vault.stat(path);
    if (stat) out.push({ path, stat });
  }
  return out;
}
