// Obsidian plugin lifecycle only: loads settings, wires the vault port, registers features.
// Anything heavy (tokenizers, manifests) loads lazily on first use, never in onload.

import { Plugin } from "obsidian";
import type { DecpSettings } from "./core/settings";
import { resolveSettings } from "./core/settings-sources";
import { registerFeatures } from "./obsidian/features";
import { ObsidianVault } from "./obsidian/obsidian-vault";
import { resolvePluginSettings } from "./obsidian/settings/settings-sources";

/** Plugin data.json: settings plus state other features persist (token cache, sync snapshot). */
export interface PluginData {
  settings: DecpSettings;
  [key: string]: unknown;
}

export default class DecpPlugin extends Plugin {
  declare settings: DecpSettings;
  vaultPort!: ObsidianVault;
  private data: PluginData = { settings: resolveSettings(undefined) };

  override async onload(): Promise<void> {
    const stored = ((await this.loadData()) ?? {}) as Partial<PluginData>;
    const dir = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
    const { settings } = await resolvePluginSettings(this.app, dir, stored);
    this.data = { ...stored, settings };
    this.settings = this.data.settings;
    this.vaultPort = new ObsidianVault(this.app);
    registerFeatures(this);
  }

  async saveSettings(): Promise<void> {
    this.data.settings = this.settings;
    await this.saveData(this.data);
  }

  /** Reads a piece of persisted state owned by a feature (e.g. "tokenCache"). */
  getState<T>(key: string): T | undefined {
    return this.data[key] as T | undefined;
  }

  async setState(key: string, value: unknown): Promise<void> {
    this.data[key] = value;
    await this.saveData(this.data);
  }
}
