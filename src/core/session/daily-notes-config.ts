// Which daily-note settings a vault uses, decided once for every adapter: Periodic Notes' daily
// settings when that community plugin is enabled with daily notes on, else the core Daily notes
// plugin's options when it is enabled, else decp's own `dailyNotes` setting. The plugin feeds it
// Obsidian's live plugin registries; the CLI and the MCP server feed it the config folder's files.

import type { DailyNoteSettings } from "../settings";
import { normalizeDailyNoteSettings } from "./daily-note";

/** What Obsidian keeps about daily notes, raw (JSON as stored); undefined where a plugin is off or absent. */
export interface DailyNotesConfig {
  /** Periodic Notes' settings (its data.json) when that plugin is enabled. */
  periodicNotes?: unknown;
  /** Core Daily notes' options (daily-notes.json; {} when the file is absent) when that core plugin is enabled. */
  coreDailyNotes?: unknown;
}

export type DailyNotesOrigin = "periodic-notes" | "daily-notes" | "settings";

export interface ResolvedDailyNotes {
  daily: DailyNoteSettings;
  origin: DailyNotesOrigin;
}

type Json = Record<string, unknown>;

function object(value: unknown): Json | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * Periodic Notes' daily settings, in either of its layouts: 0.x keeps `daily: { enabled, folder,
 * format, template }`; 1.x keeps calendar sets, `calendarSets[].day` with `templatePath`, and the
 * active set's id in `activeCalendarSet`. Null unless daily notes are switched on there.
 */
export function periodicDailySettings(data: unknown): Partial<DailyNoteSettings> | null {
  const root = object(data);
  if (!root) return null;
  const legacy = object(root.daily);
  if (legacy) {
    return legacy.enabled === true
      ? { folder: text(legacy.folder), format: text(legacy.format), template: text(legacy.template) }
      : null;
  }
  const sets = Array.isArray(root.calendarSets) ? root.calendarSets.map(object).filter((s) => s !== undefined) : [];
  const active = sets.find((s) => s.id === root.activeCalendarSet) ?? sets[0];
  const day = object(active?.day);
  if (!day || day.enabled !== true) return null;
  return { folder: text(day.folder), format: text(day.format), template: text(day.templatePath ?? day.template) };
}

export function resolveDailyNoteSettings(config: DailyNotesConfig, fallback: DailyNoteSettings): ResolvedDailyNotes {
  const periodic = config.periodicNotes === undefined ? null : periodicDailySettings(config.periodicNotes);
  if (periodic) return { daily: normalizeDailyNoteSettings(periodic), origin: "periodic-notes" };
  if (config.coreDailyNotes !== undefined) {
    const core = object(config.coreDailyNotes) ?? {};
    return {
      daily: normalizeDailyNoteSettings({
        folder: text(core.folder),
        format: text(core.format),
        template: text(core.template),
      }),
      origin: "daily-notes",
    };
  }
  return { daily: normalizeDailyNoteSettings(fallback), origin: "settings" };
}

/**
 * Whether core Daily notes is on, from core-plugins.json: an object of id -> boolean (Obsidian 1.x),
 * or the older list of enabled ids. Without the file or the key, Obsidian's default for a new vault: on.
 */
export function coreDailyNotesEnabled(corePlugins: unknown): boolean {
  if (Array.isArray(corePlugins)) return corePlugins.includes("daily-notes");
  const value = object(corePlugins)?.["daily-notes"];
  return value === undefined ? true : value === true;
}

/** Whether a community plugin is on, from community-plugins.json (the list of enabled ids). */
export function communityPluginEnabled(communityPlugins: unknown, id: string): boolean {
  return Array.isArray(communityPlugins) && communityPlugins.includes(id);
}
