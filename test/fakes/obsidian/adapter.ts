// The vault's DataAdapter, only the part plugin code uses (hidden files such as .decp/, the base path).
// FileSystemAdapter is the desktop one, over a real folder a test gives (so CLI processes can share
// it); MemoryAdapter stands in for the mobile adapter. Notes themselves stay in the fake Vault.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export class FileSystemAdapter {
  constructor(private readonly basePath: string) {}

  getName(): string {
    return "Test vault";
  }

  getBasePath(): string {
    return this.basePath;
  }

  async exists(normalizedPath: string): Promise<boolean> {
    return existsSync(join(this.basePath, normalizedPath));
  }

  async read(normalizedPath: string): Promise<string> {
    return readFileSync(join(this.basePath, normalizedPath), "utf8");
  }

  async write(normalizedPath: string, data: string): Promise<void> {
    writeFileSync(join(this.basePath, normalizedPath), data);
  }

  async mkdir(normalizedPath: string): Promise<void> {
    mkdirSync(join(this.basePath, normalizedPath), { recursive: true });
  }
}

/** Like Obsidian's mobile adapter as plugins see it: no base path, no exclusive create. */
export class MemoryAdapter {
  /** Test helper: the files written through the adapter. */
  readonly files = new Map<string, string>();
  private readonly folders = new Set<string>();

  getName(): string {
    return "Test vault";
  }

  async exists(normalizedPath: string): Promise<boolean> {
    return this.files.has(normalizedPath) || this.folders.has(normalizedPath);
  }

  async read(normalizedPath: string): Promise<string> {
    const text = this.files.get(normalizedPath);
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${normalizedPath}'`);
    return text;
  }

  async write(normalizedPath: string, data: string): Promise<void> {
    if (!this.folders.has(dirname(normalizedPath)) && dirname(normalizedPath) !== ".")
      throw new Error(`ENOENT: no such file or directory, open '${normalizedPath}'`);
    this.files.set(normalizedPath, data);
  }

  async mkdir(normalizedPath: string): Promise<void> {
    const parts = normalizedPath.split("/");
    for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join("/"));
  }
}
