// The desktop app's adapter over a real folder a test gives (so CLI and MCP processes can share it),
// only the part plugin code uses: the base path and hidden files (.decp/). Notes stay in the fake
// Vault; the in-memory adapter every other test uses is FakeDataAdapter in data-adapter.ts.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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
