// Feeds core's daily-notes decision (resolveDailyNoteSettings) with what Obsidian holds live: Periodic
// Notes' settings when that plugin is loaded, core Daily notes' options when it is enabled. The CLI and
// the MCP server feed it the same values read from the config folder's files.

import type { App } from "obsidian";
import { resolveDailyNoteSettings, type DailyNotesConfig } from "../../core/session";
import type { DailyNoteSettings } from "../../core/settings";

/** The parts of Obsidian's undocumented plugin registries this reads. */
interface PluginRegistries {
  plugins?: { getPlugin?(id: string): { settings?: unknown } | null };
  internalPlugins?: { getPluginById?(id: string): { enabled?: boolean; instance?: { options?: unknown } } | null };
}

/** Periodic Notes 1.x keeps its settings in a Svelte store; 0.x in a plain object. */
function current(settings: unknown): unknown {
  const store = settings as { subscribe?: (run: (value: unknown) => void) => () => void } | undefined;
  if (typeof store?.subscribe !== "function") return settings;
  let value: unknown;
  store.subscribe((v) => (value = v))();
  return value;
}

export function obsidianDailyNoteSettings(app: App, fallback: DailyNoteSettings): DailyNoteSettings {
  const registries = app as unknown as PluginRegistries;
  const config: DailyNotesConfig = {};
  const periodic = registries.plugins?.getPlugin?.("periodic-notes");
  if (periodic) config.periodicNotes = current(periodic.settings);
  const core = registries.internalPlugins?.getPluginById?.("daily-notes");
  if (core?.enabled) config.coreDailyNotes = core.instance?.options ?? {};
  return resolveDailyNoteSettings(config, fallback).daily;
}
