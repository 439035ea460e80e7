// Obsidian plugin lifecycle only: loads settings, wires the vault port, registers features.
// Anything heavy (tokenizers, manifests) loads lazily on first use, never in onload.

import { Plugin } from "obsidian";
import type { DecpSettings } from "./core/settings";
import { resolveSettings } from "./core/settings-sources";
import { registerFeatures } from "./obsidian/features";
import { ObsidianVault } from "./obsidian/obsidian-vault";
import { resolvePluginSettings } from "./obsidian/settings/settings-sources";

/**
 * Plugin data.json: settings plus the TickTick sync state, which changes only when a sync runs.
 * Nothing that changes as the user edits lives here (Sync would carry it to every device): the token
 * cache has its own file (context/token-cache-file.ts).
 */
export interface PluginData {
  settings: DecpSettings;
  [key: string]: unknown;
}

export default class DecpPlugin extends Plugin {
  declare settings: DecpSettings;
  vaultPort!: ObsidianVault;
  private data: PluginData = { settings: resolveSettings(undefined) };
  /** data.json as read, so moving a key out of it rewrites what was there and nothing more. */
  private stored: Record<string, unknown> = {};

  override async onload(): Promise<void> {
    this.stored = ((await this.loadData()) ?? {}) as Record<string, unknown>;
    const dir = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
    const { settings } = await resolvePluginSettings(this.app, dir, this.stored);
    this.data = { ...this.stored, settings };
    this.settings = this.data.settings;
    this.vaultPort = new ObsidianVault(this.app);
    registerFeatures(this);
  }

  async saveSettings(): Promise<void> {
    this.data.settings = this.settings;
    await this.saveData(this.data);
  }

  /** Reads a piece of persisted state owned by a feature (e.g. "ticktickSync"). */
  getState<T>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.data[key] = value;
    await this.saveData(this.data);
  }

  /** Takes state an older version kept in data.json out of it for good: data.json is written once, without it. */
  async takeLegacyState<T>(key: string): Promise<T | undefined> {
    if (!(key in this.stored)) return undefined;
    const value = this.stored[key] as T;
    delete this.stored[key];
    delete this.data[key];
    await this.saveData(this.stored);
    return value;
  }
}
