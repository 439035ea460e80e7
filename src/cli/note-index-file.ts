// The CLI's and MCP server's vault index: <vault>/.decp/cache/vault-index.json, beside the token
// cache, and the values derived from it (vault-<name>.json, or vault-<name>.txt for a text such as the
// lineage's, whose tail is parsed piece by piece). A corrupt or outdated file
// is ignored and rewritten; a write goes through a temp file and a rename, so a concurrent reader
// sees the old file or the new one, never half of one.

import { promises as fs, readFileSync } from "node:fs";
import * as nodePath from "node:path";
import type { DerivedSnapshot, NoteIndexSnapshot, NoteIndexStore } from "../core/note-index";

let tempCounter = 0;

export class NoteIndexFile implements NoteIndexStore {
  readonly file: string;

  constructor(vaultRoot: string) {
    this.file = nodePath.join(vaultRoot, ".decp", "cache", "vault-index.json");
  }

  /** The file a derived value lives in: vault-<name>.json beside the index. */
  derivedFile(name: string): string {
    return nodePath.join(nodePath.dirname(this.file), `vault-${name}.json`);
  }

  async load(): Promise<NoteIndexSnapshot | null> {
    return (await readJson(this.file)) as NoteIndexSnapshot | null;
  }

  async save(snapshot: NoteIndexSnapshot): Promise<void> {
    await writeText(this.file, JSON.stringify(snapshot));
  }

  async loadDerived(name: string): Promise<unknown> {
    return readJson(this.derivedFile(name));
  }

  async saveDerived(name: string, saved: DerivedSnapshot): Promise<void> {
    await writeText(this.derivedFile(name), JSON.stringify(saved));
  }

  /** The file a derived text lives in: vault-<name>.txt beside the index. */
  derivedTextFile(name: string): string {
    return nodePath.join(nodePath.dirname(this.file), `vault-${name}.txt`);
  }

  async loadDerivedBytes(name: string): Promise<Uint8Array | null> {
    // One synchronous read: fs.promises reads a 20 MB file in 512 kB round trips, several times slower.
    try {
      return readFileSync(this.derivedTextFile(name));
    } catch {
      return null;
    }
  }

  async saveDerivedText(name: string, text: string): Promise<void> {
    await writeText(this.derivedTextFile(name), text);
    // The same value in the JSON form an earlier version saved (vault-lineage.json, 26 MB at 20,000
    // models): this version never reads it, and a rebuild is all an older reader would lose.
    await fs.rm(this.derivedFile(name), { force: true });
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await fs.readFile(file, "utf8").catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

async function writeText(file: string, text: string): Promise<void> {
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}-${++tempCounter}.tmp`;
  try {
    await fs.writeFile(temp, text, "utf8");
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
