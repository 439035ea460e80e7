// Per-file token cache keyed by content hash, one per encoding, persisted through a small port
// (plugin data in Obsidian, <vault>/.decp/cache/tokens-<encoding>.json in the CLI).

import type { Encoding } from "../settings";

export interface TokenCacheSnapshot {
  version: 1;
  encoding: Encoding;
  /** path -> [content hash, tokens] */
  entries: Record<string, [string, number]>;
}

/** Where a cache snapshot lives between runs. */
export interface TokenCacheStore {
  load(encoding: Encoding): Promise<TokenCacheSnapshot | null>;
  save(snapshot: TokenCacheSnapshot): Promise<void>;
}

export class TokenCache {
  readonly encoding: Encoding;
  private readonly byPath = new Map<string, [string, number]>();
  // A moved or duplicated file has the same text under another path: no recount.
  private readonly byHash = new Map<string, number>();
  private changed = false;

  constructor(encoding: Encoding, snapshot?: TokenCacheSnapshot | null) {
    this.encoding = encoding;
    if (snapshot && snapshot.version === 1 && snapshot.encoding === encoding && snapshot.entries && typeof snapshot.entries === "object") {
      for (const [path, entry] of Object.entries(snapshot.entries)) {
        if (Array.isArray(entry) && typeof entry[0] === "string" && Number.isInteger(entry[1])) {
          this.byPath.set(path, [entry[0], entry[1]]);
          this.byHash.set(entry[0], entry[1]);
        }
      }
    }
  }

  get size(): number {
    return this.byPath.size;
  }

  /** True when something was remembered or pruned since the last snapshot. */
  get dirty(): boolean {
    return this.changed;
  }

  lookup(path: string, hash: string): number | undefined {
    const entry = this.byPath.get(path);
    if (entry && entry[0] === hash) return entry[1];
    const tokens = this.byHash.get(hash);
    if (tokens !== undefined) this.remember(path, hash, tokens);
    return tokens;
  }

  remember(path: string, hash: string, tokens: number): void {
    const entry = this.byPath.get(path);
    if (entry && entry[0] === hash && entry[1] === tokens) return;
    this.byPath.set(path, [hash, tokens]);
    this.byHash.set(hash, tokens);
    this.changed = true;
  }

  /** Drops entries of files that no longer exist, and hashes no file has any more. */
  prune(livePaths: Iterable<string>): number {
    const live = new Set(livePaths);
    let dropped = 0;
    for (const path of [...this.byPath.keys()]) {
      if (!live.has(path)) {
        this.byPath.delete(path);
        dropped++;
      }
    }
    const hashes = new Set([...this.byPath.values()].map((e) => e[0]));
    for (const hash of [...this.byHash.keys()]) if (!hashes.has(hash)) this.byHash.delete(hash);
    if (dropped > 0) this.changed = true;
    return dropped;
  }

  snapshot(): TokenCacheSnapshot {
    this.changed = false;
    const entries: Record<string, [string, number]> = {};
    for (const path of [...this.byPath.keys()].sort()) entries[path] = this.byPath.get(path) as [string, number];
    return { version: 1, encoding: this.encoding, entries };
  }
}
