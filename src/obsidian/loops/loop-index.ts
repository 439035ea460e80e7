// The loops the plugin's views show (the inbox, model notes, decp-loops blocks), kept current without
// re-reading the vault: the first listing reads each loop note once; after that only notes created,
// changed, renamed or deleted are read again. Changes are announced once per burst (debounced), and
// listings run one at a time, so a slow one never overtakes a newer one. Parsing stays in core.

import { debounce, type TAbstractFile } from "obsidian";
import { loopFromNote, loopListing, type Loop, type LoopListing, type UnreadableLoop } from "../../core/loops";
import { isUserError } from "../../core/errors";
import { isInFolder } from "../../core/vault";
import type DecpPlugin from "../../main";

const ANNOUNCE_MS = 300;

export class LoopIndex {
  private readonly entries = new Map<string, Loop | UnreadableLoop | null>();
  /** The loops folder the entries were read from; null until the first listing. */
  private folder: string | null = null;
  private readonly stale = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly announce = debounce(() => this.listeners.forEach((listener) => listener()), ANNOUNCE_MS, true);

  constructor(private readonly plugin: DecpPlugin) {
    const vault = plugin.app.vault;
    const touched = (file: TAbstractFile): void => this.touched(file.path);
    plugin.registerEvent(vault.on("create", touched));
    plugin.registerEvent(vault.on("modify", touched));
    plugin.registerEvent(vault.on("delete", touched));
    plugin.registerEvent(
      vault.on("rename", (file: TAbstractFile, oldPath: string) => {
        this.touched(oldPath);
        this.touched(file.path);
      }),
    );
    plugin.register(() => this.announce.cancel());
  }

  /** Calls `listener` after a burst of changes to loop notes; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every loop as of the last change heard, sorted by id; unreadable notes are listed, never rewritten. */
  listing(): Promise<LoopListing> {
    const next = this.queue.then(() => this.update());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private touched(path: string): void {
    if (this.folder === null || !path.endsWith(".md") || !isInFolder(path, this.folder)) return;
    this.stale.add(path);
    this.announce();
  }

  private async update(): Promise<LoopListing> {
    const folder = this.plugin.settings.loopsFolder;
    const vault = this.plugin.vaultPort;
    if (folder !== this.folder) {
      this.entries.clear();
      this.stale.clear();
      this.folder = folder;
      for (const path of (await vault.list(folder)).filter((p) => p.endsWith(".md"))) this.stale.add(path);
    }
    const paths = [...this.stale];
    this.stale.clear();
    try {
      for (const path of paths) {
        const text = await vault.read(path).catch((error: unknown) => {
          if (isUserError(error)) return null; // gone since: its delete or rename event came too
          throw error;
        });
        if (text === null) this.entries.delete(path);
        else this.entries.set(path, loopFromNote(text, path));
      }
    } catch (error) {
      for (const path of paths) this.stale.add(path); // read again next time
      throw error;
    }
    return loopListing(this.entries.values());
  }
}
