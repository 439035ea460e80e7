// Where today's daily note lives and how it is created: folder, moment format and template from the
// core Daily notes (or Periodic Notes) settings, which the adapter supplies.

import { DateTime } from "luxon";
import type { DailyNoteSettings } from "../settings";
import { basename, joinVaultPath, type VaultPort } from "../vault";
import { formatMomentDate, parseMomentDate } from "./moment-format";

export type { DailyNoteSettings } from "../settings";

export function normalizeDailyNoteSettings(raw: Partial<DailyNoteSettings> | undefined): DailyNoteSettings {
  return {
    folder: (raw?.folder ?? "").trim(),
    format: raw?.format?.trim() || "YYYY-MM-DD",
    template: (raw?.template ?? "").trim(),
  };
}

export function dailyNotePath(settings: DailyNoteSettings, day: DateTime): string {
  return joinVaultPath(settings.folder, `${formatMomentDate(day, settings.format)}.md`);
}

/** The name a wikilink uses for the day's note (the last path segment of the formatted name). */
export function dailyNoteName(settings: DailyNoteSettings, day: DateTime): string {
  return basename(dailyNotePath(settings, day));
}

/** The date a daily note path stands for, or null when it is not a daily note. */
export function dailyNoteDate(settings: DailyNoteSettings, path: string): DateTime | null {
  const folder = settings.folder ? joinVaultPath(settings.folder) + "/" : "";
  if (!path.endsWith(".md") || !path.startsWith(folder)) return null;
  const name = path.slice(folder.length, -3);
  // No format token writes a "/": a note in a subfolder the format does not name is not parsed at all
  // (a big vault's notes, listed from the root, cost a full date parse each otherwise).
  if (slashes(name) !== slashes(settings.format)) return null;
  return parseMomentDate(name, settings.format);
}

function slashes(text: string): number {
  let n = 0;
  for (let at = text.indexOf("/"); at >= 0; at = text.indexOf("/", at + 1)) n++;
  return n;
}

/**
 * Daily notes' template variables, as the core plugin applies them: {{title}}, {{date}}, {{time}},
 * {{date:FORMAT}}, {{time:FORMAT}} (moment formats).
 */
export function applyDailyTemplate(template: string, day: DateTime, now: DateTime, title: string): string {
  return template.replace(/\{\{\s*(title|date|time)\s*(?::([^}]*))?\}\}/gi, (_all, name: string, format?: string) => {
    const key = name.toLowerCase();
    if (key === "title") return title;
    const at = key === "date" ? day : now;
    return formatMomentDate(at, format?.trim() || (key === "date" ? "YYYY-MM-DD" : "HH:mm"));
  });
}

/** Text for a new daily note: the template applied, or empty (with a warning when the template is missing). */
export async function newDailyNoteText(
  vault: VaultPort,
  settings: DailyNoteSettings,
  day: DateTime,
  now: DateTime,
): Promise<{ text: string; warning?: string }> {
  if (!settings.template) return { text: "" };
  const path = joinVaultPath(settings.template.endsWith(".md") ? settings.template : `${settings.template}.md`);
  if (!(await vault.exists(path)))
    return { text: "", warning: `Daily note template "${path}" was not found; the note was created without it` };
  return { text: applyDailyTemplate(await vault.read(path), day, now, dailyNoteName(settings, day)) };
}
