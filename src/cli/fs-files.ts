// The files FsVault writes and cleans up: atomic replace and create through a temp file beside the
// target, and temp files a killed writer left behind.

import { linkSync, lstatSync, mkdirSync, renameSync, type Stats, statSync, unlinkSync, writeFileSync } from "node:fs";
import * as nodePath from "node:path";

// Temp files: `.decp-<pid>-<n>.tmp` beside the target (hidden, short whatever the note's name);
// `<note>.decp-<pid>-<time>.tmp` is the older form. Both are cleaned up once their writer is gone.
const TEMP_FILE = /\.decp-(\d+)-\d+\.tmp$/;
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

let tempCounter = 0;

export function isTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

function tempPath(full: string): string {
  return nodePath.join(nodePath.dirname(full), `.decp-${process.pid}-${++tempCounter}.tmp`);
}

/** Writes a temp file beside `full`, making parent folders on demand. */
function writeTemp(full: string, content: string): string {
  const temp = tempPath(full);
  try {
    writeFileSync(temp, content, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    mkdirSync(nodePath.dirname(full), { recursive: true });
    writeFileSync(temp, content, "utf8");
  }
  return temp;
}

/** Atomic replace: write a temp file beside the target, then rename it over. */
export function replaceFile(full: string, content: string): void {
  renameSync(writeTemp(full, content), full);
}

/**
 * Atomic create, across processes: the temp file is hard-linked to the target, which fails when
 * anything is there, so the note appears whole or not at all. File systems without hard links get
 * O_EXCL instead.
 */
export function createFile(full: string, content: string): boolean {
  const temp = writeTemp(full, content);
  try {
    linkSync(temp, full);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw error;
    try {
      writeFileSync(full, content, { encoding: "utf8", flag: "wx" });
      return true;
    } catch (fallback) {
      if ((fallback as NodeJS.ErrnoException).code === "EEXIST") return false;
      throw fallback;
    }
  } finally {
    unlinkSync(temp);
  }
}

/** The file's lstat, undefined when it is gone; no options object (parsed on every call), as statNow. */
export function lstatNow(full: string): Stats | undefined {
  try {
    return lstatSync(full);
  } catch {
    return undefined;
  }
}

/** A temp file whose writer is gone (killed mid-write) is removed; one still being written is left. */
export function removeIfAbandoned(full: string, name: string): void {
  const pid = Number(TEMP_FILE.exec(name)![1]);
  let alive = pid === process.pid;
  if (!alive) {
    try {
      process.kill(pid, 0);
      alive = true;
    } catch (error) {
      alive = (error as NodeJS.ErrnoException).code === "EPERM";
    }
  }
  const age = Date.now() - (statSync(full, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
  if (alive && age < STALE_TEMP_MS) return;
  try {
    unlinkSync(full);
  } catch {
    // Another process cleaned it first.
  }
}
