// Fills core's daily-note settings from Obsidian: Periodic Notes' daily settings when that plugin
// is enabled with daily notes on, else the core Daily notes plugin's options, else the defaults.

import type { App } from "obsidian";
import { normalizeDailyNoteSettings } from "../../core/session";
import type { DailyNoteSettings } from "../../core/settings";

interface DailyOptions {
  enabled?: boolean;
  folder?: string;
  format?: string;
  template?: string;
}

/** The parts of Obsidian's undocumented plugin registries this reads. */
interface PluginRegistries {
  plugins?: { getPlugin?(id: string): { settings?: { daily?: DailyOptions } } | null };
  internalPlugins?: { getPluginById?(id: string): { enabled?: boolean; instance?: { options?: DailyOptions } } | null };
}

export function obsidianDailyNoteSettings(app: App): DailyNoteSettings {
  const registries = app as unknown as PluginRegistries;
  const periodic = registries.plugins?.getPlugin?.("periodic-notes")?.settings?.daily;
  if (periodic?.enabled) return normalizeDailyNoteSettings(periodic);
  const core = registries.internalPlugins?.getPluginById?.("daily-notes");
  return normalizeDailyNoteSettings(core?.enabled ? core.instance?.options : undefined);
}
