// The CLI's and MCP server's vault index: <vault>/.decp/cache/vault-index.json, beside the token
// cache. A corrupt or outdated file is ignored and rewritten; a write goes through a temp file and a
// rename, so a concurrent reader sees the old index or the new one, never half of one.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { NoteIndexSnapshot, NoteIndexStore } from "../core/note-index";

export class NoteIndexFile implements NoteIndexStore {
  readonly file: string;

  constructor(vaultRoot: string) {
    this.file = nodePath.join(vaultRoot, ".decp", "cache", "vault-index.json");
  }

  async load(): Promise<NoteIndexSnapshot | null> {
    const text = await fs.readFile(this.file, "utf8").catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as NoteIndexSnapshot;
    } catch {
      return null;
    }
  }

  async save(snapshot: NoteIndexSnapshot): Promise<void> {
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(snapshot), "utf8");
    await fs.rename(temp, this.file);
  }
}
