// What the token budget view shows and the context commands share: the last tally, the last pack
// and the include/exclude choices that feed the next pack. The tokenizer loads on first use.

import {
  createTokenCounter,
  dbtNoteSelector,
  expandedRequest,
  loadNoteGraph,
  packAroundFocus,
  resolveSelection,
  TokenCache,
  TokenTally,
  type ContextPack,
  type FocusPackOptions,
  type FocusPackRequest,
  type NoteGraph,
  type PackOverride,
  type Selection,
  type Tally,
  type TokenCacheStore,
} from "../../core/context";
import type { Encoding } from "../../core/settings";
import type DecpPlugin from "../../main";

export interface BudgetSelection {
  label: string;
  /** What the user picked: notes and folders, or the one query (a tag, a selector, ...). */
  picked: string[];
  /** The files the selection resolved to, those left out included. */
  paths: string[];
  /** Files the user left out of this tally (the next pack is not affected). */
  leftOut: string[];
  leftOutTokens: Map<string, number>;
  tally: Tally;
}

export class ContextSession {
  selection: BudgetSelection | null = null;
  pack: ContextPack | null = null;
  overrides: PackOverride[] = [];
  private readonly listeners = new Set<() => void>();
  /** Each listed note's own tokens, as the status bar and a tally count it. */
  private readonly noteCounts = new Map<string, number>();
  private countedFor: ContextPack | null = null;
  private opened: { key: string; tally: Promise<TokenTally> } | null = null;
  /** The persisted counts, loaded without the tokenizer (the status bar reads them at start-up). */
  private cache: { encoding: Encoding; cache: Promise<TokenCache> } | null = null;

  constructor(
    private readonly plugin: DecpPlugin,
    private readonly store: TokenCacheStore,
  ) {}

  /** Subscribes a view; returns the unsubscribe function for its onClose. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
    const pack = this.pack;
    if (pack && this.countedFor !== pack) {
      this.countedFor = pack;
      // Each listed note's own count (what the status bar shows), then the view draws again.
      void this.countNotes([...pack.included, ...pack.excluded].map((i) => i.path))
        .then(() => {
          if (this.pack === pack) for (const listener of this.listeners) listener();
        })
        .catch(() => undefined);
    }
  }

  private async countNotes(paths: string[]): Promise<void> {
    const tally = await this.tally();
    for (const path of paths) {
      const counted = await tally.countFile(path);
      if (!("skipped" in counted)) this.noteCounts.set(path, counted.tokens);
    }
  }

  /** True once the user asked for a count: the tokenizer is (being) loaded, so counting is cheap from here on. */
  get counting(): boolean {
    return this.opened !== null;
  }

  /** The cached tally for the current encoding and size limit (reopened when they change); loads the tokenizer. */
  tally(): Promise<TokenTally> {
    const { encoding, maxTallyBytes } = this.plugin.settings;
    const key = `${encoding}:${maxTallyBytes}`;
    if (!this.opened || this.opened.key !== key) {
      const tally = Promise.all([this.tokenCache(), createTokenCounter(encoding)]).then(
        ([cache, counter]) => new TokenTally(this.plugin.vaultPort, counter, cache, maxTallyBytes, this.store),
      );
      tally.catch(() => (this.opened = null));
      this.opened = { key, tally };
    }
    return this.opened.tally;
  }

  /** A note's tokens as last counted, when its mtime and size say it has not changed since: no tokenizer, no read. */
  async cachedCount(path: string): Promise<number | undefined> {
    const stat = await this.plugin.vaultPort.stat(path);
    if (!stat || stat.size > this.plugin.settings.maxTallyBytes) return undefined;
    return (await this.tokenCache()).lookupStat(path, stat);
  }

  /** One TokenCache per encoding for the session: the status bar and every tally share it (and its writes). */
  private tokenCache(): Promise<TokenCache> {
    const { encoding } = this.plugin.settings;
    if (!this.cache || this.cache.encoding !== encoding) {
      const cache = this.store
        .load(encoding)
        .catch(() => null)
        .then((snapshot) => new TokenCache(encoding, snapshot));
      this.cache = { encoding, cache };
    }
    return this.cache.cache;
  }

  async tallySelection(selection: Selection): Promise<BudgetSelection> {
    const { vaultPort: vault, settings } = this.plugin;
    let graph: Promise<NoteGraph> | undefined;
    const resolved = await resolveSelection(selection, {
      vault,
      graph: () => (graph ??= loadNoteGraph(vault, { maxBytes: settings.maxTallyBytes })),
      selectDbt: dbtNoteSelector(vault, settings),
    });
    const picked = selection.kind === "paths" ? selection.paths : [resolved.label];
    this.selection = await this.count(resolved.label, picked, resolved.paths, []);
    this.changed();
    return this.selection;
  }

  /** Leaves a note out of the current tally, or counts it again; the tally is summed anew. */
  async leaveOut(path: string, out: boolean): Promise<void> {
    if (!this.selection) return;
    const { label, picked, paths, leftOut } = this.selection;
    const next = out ? [...leftOut, path] : leftOut.filter((p) => p !== path);
    this.selection = await this.count(label, picked, paths, next);
    this.changed();
  }

  private async count(label: string, picked: string[], paths: string[], leftOut: string[]): Promise<BudgetSelection> {
    const { settings } = this.plugin;
    const tally = await this.tally();
    const counted = await tally.tally(
      paths.filter((p) => !leftOut.includes(p)),
      settings.budget,
      settings,
    );
    const left = await tally.tally(leftOut, settings.budget, settings);
    await tally.persist(this.livePaths());
    for (const file of [...counted.files, ...left.files]) this.noteCounts.set(file.path, file.tokens);
    const leftOutTokens = new Map(left.files.map((f) => [f.path, f.tokens]));
    const all = [...counted.files, ...counted.skipped].map((f) => f.path).concat(leftOut);
    return { label, picked, paths: all, leftOut, leftOutTokens, tally: counted };
  }

  /** A listed note's own tokens: the same number the status bar and a tally show for it. */
  noteTokens(path: string): number | undefined {
    return this.noteCounts.get(path);
  }

  /** Tokens of one file (status bar); null when it is skipped (image, too large, ...). */
  async countFile(path: string): Promise<number | null> {
    const tally = await this.tally();
    const read = await tally.readFile(path);
    await tally.persist(this.livePaths());
    if ("skipped" in read) return null;
    this.noteCounts.set(path, read.tokens);
    return read.tokens;
  }

  /** A new pack; `about` names the columns in question or the task, as `decp pack --columns/--task` do. */
  async buildPack(
    focus: string,
    budget: number,
    about: Pick<FocusPackRequest, "columns" | "task"> = {},
  ): Promise<ContextPack> {
    if (this.pack && this.pack.request.focus !== focus) this.overrides = [];
    this.pack = await this.packAround({ focus, budget, ...about, overrides: this.overrides });
    this.changed();
    return this.pack;
  }

  async expand(budget?: number): Promise<ContextPack | null> {
    if (!this.pack) return null;
    const request = expandedRequest(
      { ...this.pack, request: { ...this.pack.request, overrides: this.overrides } },
      budget,
    );
    this.pack = await this.packAround(request, { history: this.pack.history, action: "expand" });
    this.changed();
    return this.pack;
  }

  /** Records a user's include/exclude choice with its reason and rebuilds the current pack with it. */
  async setOverride(override: PackOverride): Promise<void> {
    this.overrides = [...this.overrides.filter((o) => o.path !== override.path), override];
    if (this.pack) {
      const history = this.pack.history;
      this.pack = await this.packAround(
        { ...this.pack.request, overrides: this.overrides },
        { history: history.slice(0, -1), action: history[history.length - 1]?.action },
      );
    }
    this.changed();
  }

  /** Core's one entry for packs, on this session's tally (its cache stays warm between packs). */
  private async packAround(request: FocusPackRequest, options: FocusPackOptions = {}): Promise<ContextPack> {
    return packAroundFocus(this.plugin.vaultPort, this.plugin.settings, request, {
      ...options,
      tally: await this.tally(),
    });
  }

  /** Paths that exist now: cache entries of deleted or renamed files are pruned on save. */
  private livePaths(): string[] {
    return this.plugin.app.vault.getFiles().map((f) => f.path);
  }
}
