// The .obsidian folder of the demo vault: the plugin installed and enabled, core Daily notes on with
// a Daily folder (handoffs land in the daily note), core Templates pointed at the template folder.

import type { DecpSettings } from "../core/settings";
import type { VaultPort } from "../core/vault";

export const PLUGIN_ID = "de-copilot-patterns";
export const DAILY_FOLDER = "Daily";
export const DAILY_FORMAT = "YYYY-MM-DD";

/** The built plugin, read by the adapter from the package root (main.js, manifest.json, styles.css). */
export interface PluginFiles {
  mainJs: string;
  manifestJson: string;
  stylesCss?: string;
}

// Obsidian's own defaults, plus daily-notes and templates switched on.
const CORE_PLUGINS = [
  "file-explorer",
  "global-search",
  "switcher",
  "graph",
  "backlink",
  "outgoing-link",
  "tag-pane",
  "properties",
  "page-preview",
  "daily-notes",
  "templates",
  "note-composer",
  "command-palette",
  "editor-status",
  "bookmarks",
  "outline",
  "word-count",
  "file-recovery",
];

function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/** `configDir` is Obsidian's configuration folder for the new vault (the adapter knows it; `.obsidian` by default). */
export async function writeObsidianConfig(
  vault: VaultPort,
  settings: DecpSettings,
  plugin: PluginFiles,
  configDir: string,
): Promise<void> {
  const pluginFolder = `${configDir}/plugins/${PLUGIN_ID}`;
  await vault.write(`${pluginFolder}/main.js`, plugin.mainJs);
  await vault.write(`${pluginFolder}/manifest.json`, plugin.manifestJson);
  if (plugin.stylesCss !== undefined) await vault.write(`${pluginFolder}/styles.css`, plugin.stylesCss);
  await vault.write(`${configDir}/community-plugins.json`, json([PLUGIN_ID]));
  await vault.write(`${configDir}/core-plugins.json`, json(Object.fromEntries(CORE_PLUGINS.map((id) => [id, true]))));
  await vault.write(
    `${configDir}/daily-notes.json`,
    json({ folder: DAILY_FOLDER, format: DAILY_FORMAT, template: "" }),
  );
  await vault.write(`${configDir}/templates.json`, json({ folder: settings.templatesFolder }));
}
