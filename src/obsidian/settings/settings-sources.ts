// The plugin's settings, from the same sources the CLI and the MCP server resolve (core
// settings-sources.ts): its own data.json first, then the vault's .decp/settings.json, then the
// defaults. So a CLI user's folders hold in Obsidian too until the user changes them there.

import { Notice, normalizePath, type App } from "obsidian";
import {
  DECP_SETTINGS_FILE,
  pluginSettingsIn,
  resolveSettingsFrom,
  type EffectiveSettings,
} from "../../core/settings-sources";

/** .decp/settings.json, parsed; undefined when absent or unreadable (reported, never fatal). */
async function readDecpSettings(app: App): Promise<unknown> {
  // A dot folder is not in the vault index, so the adapter is the only way to read it.
  const adapter = app.vault.adapter;
  const path = normalizePath(DECP_SETTINGS_FILE);
  if (!(await adapter.exists(path))) return undefined;
  try {
    return JSON.parse(await adapter.read(path)) as unknown;
  } catch (error) {
    new Notice(`${path} is not valid JSON (${(error as Error).message}); its settings were ignored.`);
    return undefined;
  }
}

export async function resolvePluginSettings(app: App, pluginDir: string, data: unknown): Promise<EffectiveSettings> {
  const effective = resolveSettingsFrom([
    { name: `${pluginDir}/data.json`, data: pluginSettingsIn(data) },
    { name: DECP_SETTINGS_FILE, data: await readDecpSettings(app) },
  ]);
  for (const problem of effective.problems) new Notice(problem);
  return effective;
}
