// The cached tally service: exact tokens per file, read once (a file that changes mid-tally is
// counted as read), recounted only when its content hash changes.

import { isUserError } from "../errors";
import type { DecpSettings, Encoding } from "../settings";
import type { VaultPort } from "../vault";
import { budgetPhase, formatTokens, type BudgetPhase } from "./budget";
import { fileKind, formatBytes, looksLikeText } from "./file-kinds";
import { contentHash } from "./hash";
import { TokenCache, type TokenCacheStore } from "./token-cache";
import { createTokenCounter, type TokenCounter } from "./tokenizer";

export interface FileTokens {
  path: string;
  tokens: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface Tally {
  encoding: Encoding;
  files: FileTokens[];
  skipped: SkippedFile[];
  total: number;
  budget: number;
  /** total / budget, e.g. 0.42 */
  share: number;
  phase: BudgetPhase;
}

export type FileRead = { path: string; text: string; tokens: number } | { path: string; skipped: string };

export class TokenTally {
  readonly counter: TokenCounter;
  readonly cache: TokenCache;
  private readonly texts = new Map<string, number>();

  constructor(
    private readonly vault: VaultPort,
    counter: TokenCounter,
    cache: TokenCache,
    private readonly maxBytes: number,
    private readonly store?: TokenCacheStore,
  ) {
    this.counter = counter;
    this.cache = cache;
  }

  get encoding(): Encoding {
    return this.counter.encoding;
  }

  /** Reads one file and counts it, or says why it is skipped. Never throws for a vanished file. */
  async readFile(path: string): Promise<FileRead> {
    const kind = fileKind(path);
    if (kind === "image") return { path, skipped: "image" };
    if (kind === "pdf") return { path, skipped: "PDF" };
    if (kind === "binary") return { path, skipped: "binary file" };
    const stat = await this.vault.stat(path);
    if (!stat) return { path, skipped: "not found" };
    if (stat.size > this.maxBytes) return { path, skipped: `larger than ${formatBytes(this.maxBytes)} (${formatBytes(stat.size)})` };
    if (kind === "unknown") {
      if (!this.vault.readBytes) return { path, skipped: "unknown file type" };
      const bytes = await this.vault.readBytes(path).catch(() => null);
      if (!bytes) return { path, skipped: "not found" };
      if (!looksLikeText(bytes)) return { path, skipped: "binary file" };
    }
    let text: string;
    try {
      text = await this.vault.read(path);
    } catch (error) {
      if (isUserError(error)) return { path, skipped: "not found" };
      throw error;
    }
    return { path, text, tokens: this.countFileText(path, text) };
  }

  /** Tokens of a file's text, through the persisted per-file cache. */
  countFileText(path: string, text: string): number {
    const hash = contentHash(text);
    const cached = this.cache.lookup(path, hash);
    if (cached !== undefined) return cached;
    const tokens = this.counter.count(text);
    this.cache.remember(path, hash, tokens);
    return tokens;
  }

  /** Tokens of any text (pack sections, compact forms), memoised for this session only. */
  countText(text: string): number {
    const hash = contentHash(text);
    let tokens = this.texts.get(hash);
    if (tokens === undefined) {
      tokens = this.counter.count(text);
      this.texts.set(hash, tokens);
    }
    return tokens;
  }

  async tally(paths: readonly string[], budget: number, settings: Pick<DecpSettings, "phases">): Promise<Tally> {
    const files: FileTokens[] = [];
    const skipped: SkippedFile[] = [];
    for (const path of [...new Set(paths)].sort()) {
      const read = await this.readFile(path);
      if ("skipped" in read) skipped.push({ path, reason: read.skipped });
      else files.push({ path, tokens: read.tokens });
    }
    const total = files.reduce((sum, f) => sum + f.tokens, 0);
    return { encoding: this.encoding, files, skipped, total, budget, share: budget > 0 ? total / budget : 0, phase: budgetPhase(total, budget, settings.phases) };
  }

  /** Writes the cache when it changed; with `livePaths`, first drops entries of deleted files. */
  async persist(livePaths?: Iterable<string>): Promise<void> {
    if (livePaths) this.cache.prune(livePaths);
    if (this.store && this.cache.dirty) await this.store.save(this.cache.snapshot());
  }
}

/** Loads the tokenizer (lazily) and the persisted cache for the settings' encoding. */
export async function openTokenTally(vault: VaultPort, settings: Pick<DecpSettings, "encoding" | "maxTallyBytes">, store?: TokenCacheStore, counter?: TokenCounter): Promise<TokenTally> {
  const encoding = settings.encoding;
  const [loadedCounter, snapshot] = await Promise.all([counter ? Promise.resolve(counter) : createTokenCounter(encoding), store ? store.load(encoding).catch(() => null) : Promise.resolve(null)]);
  return new TokenTally(vault, loadedCounter, new TokenCache(encoding, snapshot), settings.maxTallyBytes, store);
}

/** One line for a Notice, a status message or the CLI: "1,234 tokens in 5 files (25 % of 5,000, deliberate)". */
export function describeTally(tally: Tally): string {
  const files = `${tally.files.length} ${tally.files.length === 1 ? "file" : "files"}`;
  const skipped = tally.skipped.length > 0 ? `; ${tally.skipped.length} skipped` : "";
  return `${formatTokens(tally.total)} tokens in ${files} (${Math.round(tally.share * 100)} % of ${formatTokens(tally.budget)}, ${tally.phase}, ${tally.encoding})${skipped}`;
}
