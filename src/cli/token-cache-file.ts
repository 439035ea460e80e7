// The CLI's token cache: <vault>/.decp/cache/tokens-<encoding>.json, so a second `decp tally`
// recounts only files whose content changed. A corrupt cache file is ignored and rewritten.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { TokenCacheSnapshot, TokenCacheStore } from "../core/context";
import type { Encoding } from "../core/settings";

export class TokenCacheFile implements TokenCacheStore {
  constructor(private readonly vaultRoot: string) {}

  file(encoding: Encoding): string {
    return nodePath.join(this.vaultRoot, ".decp", "cache", `tokens-${encoding}.json`);
  }

  async load(encoding: Encoding): Promise<TokenCacheSnapshot | null> {
    const text = await fs.readFile(this.file(encoding), "utf8").catch(() => null);
    if (text === null) return null;
    try {
      return JSON.parse(text) as TokenCacheSnapshot;
    } catch {
      return null;
    }
  }

  async save(snapshot: TokenCacheSnapshot): Promise<void> {
    const file = this.file(snapshot.encoding);
    await fs.mkdir(nodePath.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(snapshot) + "\n", "utf8");
    await fs.rename(temp, file);
  }
}
