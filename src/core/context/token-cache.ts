// Per-file token cache keyed by content hash, one per encoding, persisted through a small port
// (plugin data in Obsidian, <vault>/.decp/cache/tokens-<encoding>.json in the CLI). Entries also keep
// the file's mtime and size when it was read, so a warm tally trusts an unchanged stat (as git does)
// instead of reading and hashing every file again.

import type { Encoding } from "../settings";
import type { VaultFileStat } from "../vault";

/** [content hash, tokens] or, when the file's stat was known, [content hash, tokens, mtime, size]. */
export type TokenCacheEntry = [string, number] | [string, number, number, number];

export interface TokenCacheSnapshot {
  version: 1;
  encoding: Encoding;
  /** path -> entry (older snapshots hold two-element entries: they still load, and get a stat on next read) */
  entries: Record<string, TokenCacheEntry>;
  /** content hash -> tokens of texts that are not files (pack forms, resume sections), most recent last. */
  texts?: Record<string, number>;
}

// Texts that are not files are kept up to this many, the least recently used dropped first.
const TEXT_ENTRIES = 20_000;

/** Where a cache snapshot lives between runs. */
export interface TokenCacheStore {
  load(encoding: Encoding): Promise<TokenCacheSnapshot | null>;
  save(snapshot: TokenCacheSnapshot): Promise<void>;
}

export class TokenCache {
  readonly encoding: Encoding;
  private readonly byPath = new Map<string, TokenCacheEntry>();
  // A moved or duplicated file has the same text under another path: no recount.
  private readonly byHash = new Map<string, number>();
  private readonly texts = new Map<string, number>();
  private changed = false;

  constructor(encoding: Encoding, snapshot?: TokenCacheSnapshot | null) {
    this.encoding = encoding;
    if (
      snapshot &&
      snapshot.version === 1 &&
      snapshot.encoding === encoding &&
      snapshot.entries &&
      typeof snapshot.entries === "object"
    ) {
      for (const [path, entry] of Object.entries(snapshot.entries)) {
        if (Array.isArray(entry) && typeof entry[0] === "string" && Number.isInteger(entry[1])) {
          const withStat = entry.length === 4 && typeof entry[2] === "number" && typeof entry[3] === "number";
          this.byPath.set(path, withStat ? [entry[0], entry[1], entry[2], entry[3]] : [entry[0], entry[1]]);
          this.byHash.set(entry[0], entry[1]);
        }
      }
      for (const [hash, tokens] of Object.entries(snapshot.texts ?? {}))
        if (Number.isInteger(tokens)) this.texts.set(hash, tokens);
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

  /**
   * Tokens of a file whose mtime and size are exactly those recorded when it was last read; undefined
   * when the file may have changed (or was never read with its stat), and then it must be read.
   */
  lookupStat(path: string, stat: VaultFileStat): number | undefined {
    const entry = this.byPath.get(path);
    return entry && entry.length === 4 && entry[2] === stat.mtime && entry[3] === stat.size ? entry[1] : undefined;
  }

  /** `stat` is the file's stat taken before its text was read; without it a known stat is kept only for the same text. */
  remember(path: string, hash: string, tokens: number, stat?: VaultFileStat): void {
    const entry = this.byPath.get(path);
    const same = entry !== undefined && entry[0] === hash && entry[1] === tokens;
    if (same && (stat === undefined || (entry.length === 4 && entry[2] === stat.mtime && entry[3] === stat.size)))
      return;
    this.byPath.set(path, stat ? [hash, tokens, stat.mtime, stat.size] : [hash, tokens]);
    this.byHash.set(hash, tokens);
    this.changed = true;
  }

  /** Tokens of a text that is not a file (a pack's compact form, a resume section), by content hash. */
  lookupText(hash: string): number | undefined {
    const tokens = this.texts.get(hash);
    if (tokens !== undefined && this.texts.size > TEXT_ENTRIES / 2) {
      // Most recently used last, so the oldest go first when the cap is reached.
      this.texts.delete(hash);
      this.texts.set(hash, tokens);
    }
    return tokens;
  }

  rememberText(hash: string, tokens: number): void {
    if (this.texts.get(hash) === tokens) return;
    this.texts.set(hash, tokens);
    if (this.texts.size > TEXT_ENTRIES) this.texts.delete(this.texts.keys().next().value!);
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
    const entries: Record<string, TokenCacheEntry> = {};
    for (const path of [...this.byPath.keys()].sort()) entries[path] = this.byPath.get(path)!;
    return { version: 1, encoding: this.encoding, entries, texts: Object.fromEntries(this.texts) };
  }
}
