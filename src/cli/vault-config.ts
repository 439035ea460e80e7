// What the CLI and the MCP server read of a vault's configuration, so they behave as the plugin does:
// Obsidian's config folder (the plugin's data.json, core Daily notes, Periodic Notes) and
// .decp/settings.json. Raw files in, core decides (settings-sources.ts, daily-notes-config.ts).

import { readdirSync } from "node:fs";
import * as nodePath from "node:path";
import { UserError } from "../core/errors";
import {
  communityPluginEnabled,
  coreDailyNotesEnabled,
  resolveDailyNoteSettings,
  type DailyNotesConfig,
  type DailyNotesOrigin,
} from "../core/session";
import type { DailyNoteSettings } from "../core/settings";
import {
  DECP_SETTINGS_FILE,
  PLUGIN_ID,
  pluginSettingsIn,
  resolveSettingsFrom,
  type EffectiveSettings,
} from "../core/settings-sources";
import type { FsVault } from "./fs-vault";

const PERIODIC_NOTES_ID = "periodic-notes";

export interface VaultConfig extends EffectiveSettings {
  /** Obsidian's config folder ("" when the vault has none). */
  configDir: string;
  /** The plugin's folder inside it, when the plugin is installed. */
  pluginFolder: string;
  daily: DailyNoteSettings;
  /** The file that decided the daily-note settings, or "settings" (decp's own dailyNotes). */
  dailyOrigin: string;
}

function entries(full: string): string[] {
  try {
    return readdirSync(full, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Obsidian's config folder: `.obsidian`, else the one dot folder that holds Obsidian's files (a
 * vault can override the name, and it must start with a dot). "" when there is none.
 */
async function findConfigDir(vault: FsVault): Promise<string> {
  if (entries(vault.root).includes(".obsidian")) return ".obsidian";
  for (const name of entries(vault.root).filter((n) => n.startsWith(".") && n !== ".decp" && n !== ".git")) {
    for (const marker of ["app.json", "core-plugins.json", "community-plugins.json"])
      if (await vault.exists(`${name}/${marker}`)) return name;
  }
  return "";
}

/** JSON from a vault file; undefined when it is absent, a one-line error naming it when it is not JSON. */
async function readJson(vault: FsVault, path: string, fix: string): Promise<unknown> {
  if (!(await vault.exists(path))) return undefined;
  const text = await vault.read(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${path} is not valid JSON (${(error as Error).message})`, { file: path }, fix);
  }
}

/** A community plugin's folder: named after its id, else the folder whose manifest.json declares it. */
async function pluginFolder(vault: FsVault, configDir: string, id: string): Promise<string> {
  const plugins = `${configDir}/plugins`;
  if (await vault.exists(`${plugins}/${id}/manifest.json`)) return `${plugins}/${id}`;
  for (const name of entries(nodePath.join(vault.root, plugins))) {
    const manifest = await readJson(vault, `${plugins}/${name}/manifest.json`, "Reinstall that plugin").catch(
      () => undefined,
    );
    if ((manifest as { id?: unknown } | undefined)?.id === id) return `${plugins}/${name}`;
  }
  return "";
}

const DAILY_ORIGIN_LABEL: Record<DailyNotesOrigin, string> = {
  "periodic-notes": "Periodic Notes",
  "daily-notes": "core Daily notes",
  settings: "",
};

/** Reads every configuration source of the vault and resolves the effective settings and daily notes. */
export async function readVaultConfig(vault: FsVault): Promise<VaultConfig> {
  const configDir = await findConfigDir(vault);
  const folder = configDir ? await pluginFolder(vault, configDir, PLUGIN_ID) : "";
  const pluginData = folder ? `${folder}/data.json` : "";
  const fixPlugin = "Change a setting in the plugin's settings tab to rewrite it, or delete the file";
  const effective = resolveSettingsFrom([
    ...(pluginData ? [{ name: pluginData, data: pluginSettingsIn(await readJson(vault, pluginData, fixPlugin)) }] : []),
    { name: DECP_SETTINGS_FILE, data: await readJson(vault, DECP_SETTINGS_FILE, "Fix or delete the file") },
  ]);

  const config: DailyNotesConfig = {};
  const files: Record<DailyNotesOrigin, string> = { "periodic-notes": "", "daily-notes": "", settings: "" };
  if (configDir) {
    const fixObsidian = "Change the setting in Obsidian to rewrite it, or delete the file";
    const community = await readJson(vault, `${configDir}/community-plugins.json`, fixObsidian);
    if (communityPluginEnabled(community, PERIODIC_NOTES_ID)) {
      const periodic = await pluginFolder(vault, configDir, PERIODIC_NOTES_ID);
      if (periodic) {
        files["periodic-notes"] = `${periodic}/data.json`;
        config.periodicNotes = await readJson(vault, files["periodic-notes"], fixObsidian);
      }
    }
    if (coreDailyNotesEnabled(await readJson(vault, `${configDir}/core-plugins.json`, fixObsidian))) {
      files["daily-notes"] = `${configDir}/daily-notes.json`;
      config.coreDailyNotes = (await readJson(vault, files["daily-notes"], fixObsidian)) ?? {};
    }
  }
  const resolved = resolveDailyNoteSettings(config, effective.settings.dailyNotes);
  const dailyOrigin =
    resolved.origin === "settings"
      ? effective.origins["dailyNotes.folder"]
      : `${files[resolved.origin]} (${DAILY_ORIGIN_LABEL[resolved.origin]})`;
  if (resolved.origin !== "settings")
    for (const key of ["folder", "format", "template"]) effective.origins[`dailyNotes.${key}`] = dailyOrigin;
  // Every command and tool then reads the daily notes the vault really uses from settings.dailyNotes.
  effective.settings.dailyNotes = resolved.daily;
  return { ...effective, configDir, pluginFolder: folder, daily: resolved.daily, dailyOrigin };
}
