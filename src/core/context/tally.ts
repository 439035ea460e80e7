// The cached tally service: exact tokens per file, read once (a file that changes mid-tally is
// counted as read), recounted only when its content hash changes, and not even read while its
// mtime and size are those recorded at the last read.

import { isUserError } from "../errors";
import type { DecpSettings, Encoding } from "../settings";
import type { VaultFileStat, VaultPort } from "../vault";
import { budgetPhase, formatTokens, type BudgetPhase } from "./budget";
import { fileKind, formatBytes, looksLikeText, type FileKind } from "./file-kinds";
import { cacheKey } from "../content-hash";
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
  contextWindow: number;
  /** The phase these tokens would put a fresh session in: a share of the context window, not of the budget. */
  phase: BudgetPhase;
}

type SkippedRead = { path: string; skipped: string };
type Admitted = { kind: FileKind; stat: VaultFileStat };
export type FileRead = { path: string; text: string; tokens: number } | SkippedRead;

export class TokenTally {
  readonly counter: TokenCounter;
  readonly cache: TokenCache;
  private readonly texts = new Map<string, number>();
  private readonly lastText = new Map<string, { text: string; tokens: number }>();

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
    const admitted = await this.admit(path);
    if ("skipped" in admitted) return admitted;
    return this.readAdmitted(path, admitted);
  }

  /** Tokens of one file without its text: a file whose mtime and size match the cache is not read at all. */
  async countFile(path: string, known?: Admitted): Promise<FileTokens | SkippedRead> {
    const admitted = known ?? (await this.admit(path));
    if ("skipped" in admitted) return admitted;
    const cached = this.cache.lookupStat(path, admitted.stat);
    if (cached !== undefined) return { path, tokens: cached };
    const read = await this.readAdmitted(path, admitted);
    return "skipped" in read ? read : { path, tokens: read.tokens };
  }

  /** Tokens of a file's text, through the persisted per-file cache; `stat` is the file's stat taken before the read. */
  countFileText(path: string, text: string, stat?: VaultFileStat): number {
    // Packs ask again and again for the notes of one loaded graph: the same text needs no new hash.
    const seen = this.lastText.get(path);
    if (stat === undefined && seen && seen.text === text) return seen.tokens;
    const hash = cacheKey(text);
    const tokens = this.cache.lookup(path, hash) ?? this.counter.count(text);
    this.cache.remember(path, hash, tokens, stat);
    if (stat === undefined) this.lastText.set(path, { text, tokens });
    return tokens;
  }

  /** Whether a file is counted at all (kind, existence, size), with its stat. */
  private async admit(path: string): Promise<Admitted | SkippedRead> {
    const kind = countedKind(path);
    if (typeof kind !== "string") return kind;
    return this.sized(path, kind, this.vault.statNow ? this.vault.statNow(path) : await this.vault.stat(path));
  }

  /** admit(), without awaiting, where the vault stats synchronously (FsVault); undefined where it cannot. */
  private admitNow(path: string): Admitted | SkippedRead | undefined {
    if (!this.vault.statNow) return undefined;
    const kind = countedKind(path);
    return typeof kind !== "string" ? kind : this.sized(path, kind, this.vault.statNow(path));
  }

  /**
   * countFile() without awaiting, from the cache or a synchronous read (FsVault); undefined where the
   * vault reads only asynchronously. A cold tally of thousands of notes then pays no promises per file,
   * which cost it a tenth of its time (bench tally_cold).
   */
  private countNow(path: string, admitted: Admitted): FileTokens | SkippedRead | undefined {
    const cached = this.cache.lookupStat(path, admitted.stat);
    if (cached !== undefined) return { path, tokens: cached };
    if (!this.vault.readNow || admitted.kind === "unknown") return undefined;
    let text: string;
    try {
      text = this.vault.readNow(path);
    } catch (error) {
      return notFound(path, error);
    }
    return { path, tokens: this.countFileText(path, text, admitted.stat) };
  }

  private sized(path: string, kind: FileKind, stat: VaultFileStat | null): Admitted | SkippedRead {
    if (!stat) return { path, skipped: "not found" };
    if (stat.size > this.maxBytes)
      return { path, skipped: `larger than ${formatBytes(this.maxBytes)} (${formatBytes(stat.size)})` };
    return { kind, stat };
  }

  private async readAdmitted(path: string, { kind, stat }: Admitted): Promise<FileRead> {
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
      return notFound(path, error);
    }
    // The stat was taken before the read: a file edited in between gets a newer mtime, so the next
    // tally reads it again rather than trusting what was counted here.
    return { path, text, tokens: this.countFileText(path, text, stat) };
  }

  /** Tokens of any text (pack sections, compact forms), kept in the persisted cache by content hash. */
  countText(text: string): number {
    const hash = cacheKey(text);
    let tokens = this.texts.get(hash) ?? this.cache.lookupText(hash);
    if (tokens === undefined) {
      tokens = this.counter.count(text);
      this.cache.rememberText(hash, tokens);
    }
    this.texts.set(hash, tokens);
    return tokens;
  }

  /** Tokens of every path; `onFile` hears of each file as it is counted or skipped (progress). */
  async tally(
    paths: readonly string[],
    budget: number,
    settings: Pick<DecpSettings, "phases" | "contextWindow">,
    onFile?: (path: string) => void,
  ): Promise<Tally> {
    const files: FileTokens[] = [];
    const skipped: SkippedFile[] = [];
    for (const path of sortedUnique(paths)) {
      // On FsVault no file costs an await: a cached one is one stat, another a stat and a read.
      const admitted = this.admitNow(path) ?? (await this.admit(path));
      const read =
        "skipped" in admitted ? admitted : (this.countNow(path, admitted) ?? (await this.countFile(path, admitted)));
      if ("skipped" in read) skipped.push({ path, reason: read.skipped });
      else files.push({ path, tokens: read.tokens });
      onFile?.(path);
    }
    return this.summarize(files, skipped, budget, settings);
  }

  private summarize(
    files: FileTokens[],
    skipped: SkippedFile[],
    budget: number,
    settings: Pick<DecpSettings, "phases" | "contextWindow">,
  ): Tally {
    const total = files.reduce((sum, f) => sum + f.tokens, 0);
    return {
      encoding: this.encoding,
      files,
      skipped,
      total,
      budget,
      share: budget > 0 ? total / budget : 0,
      contextWindow: settings.contextWindow,
      phase: budgetPhase(total, settings.contextWindow, settings.phases),
    };
  }

  /** Writes the cache when it changed; with `livePaths`, first drops entries of deleted files. */
  async persist(livePaths?: Iterable<string>): Promise<void> {
    if (livePaths) this.cache.prune(livePaths);
    if (this.store && this.cache.dirty) await this.store.save(this.cache.snapshot());
  }
}

/** A file that vanished before its read (the vault's user error) is skipped; any other error is thrown. */
function notFound(path: string, error: unknown): SkippedRead {
  if (isUserError(error)) return { path, skipped: "not found" };
  throw error;
}

/** The file's kind, or why a tally skips it (images, PDFs, binaries are never read). */
function countedKind(path: string): FileKind | SkippedRead {
  const kind = fileKind(path);
  if (kind === "image") return { path, skipped: "image" };
  if (kind === "pdf") return { path, skipped: "PDF" };
  if (kind === "binary") return { path, skipped: "binary file" };
  return kind;
}

/** Paths as a sorted set; a listing that is already sorted and unique (vault.list()) is used as is. */
function sortedUnique(paths: readonly string[]): readonly string[] {
  for (let i = 1; i < paths.length; i++) if (!(paths[i - 1] < paths[i])) return [...new Set(paths)].sort();
  return paths;
}

/** Loads the tokenizer (lazily) and the persisted cache for the settings' encoding. */
export async function openTokenTally(
  vault: VaultPort,
  settings: Pick<DecpSettings, "encoding" | "maxTallyBytes">,
  store?: TokenCacheStore,
  counter?: TokenCounter,
): Promise<TokenTally> {
  const encoding = settings.encoding;
  const [loadedCounter, snapshot] = await Promise.all([
    counter ? Promise.resolve(counter) : createTokenCounter(encoding),
    store ? store.load(encoding).catch(() => null) : Promise.resolve(null),
  ]);
  return new TokenTally(vault, loadedCounter, new TokenCache(encoding, snapshot), settings.maxTallyBytes, store);
}

/** One line for a Notice or the CLI: "1,234 tokens in 5 files (25 % of the 5,000 budget; comfortable in a 200,000-token window; o200k_base)". */
export function describeTally(tally: Tally): string {
  const files = `${tally.files.length} ${tally.files.length === 1 ? "file" : "files"}`;
  const skipped = tally.skipped.length > 0 ? `; ${tally.skipped.length} skipped` : "";
  return `${formatTokens(tally.total)} tokens in ${files} (${Math.round(tally.share * 100)} % of the ${formatTokens(tally.budget)} budget; ${tally.phase} in a ${formatTokens(tally.contextWindow)}-token window; ${tally.encoding})${skipped}`;
}
