// Where each setting comes from. The plugin, the CLI and the MCP server resolve the same ordered
// sources: the plugin's data.json (what the user set in Obsidian), then <vault>/.decp/settings.json,
// then the defaults. Key by key, over every key of DEFAULT_SETTINGS (nested objects included), so a
// new setting needs no change here; a value of the wrong type is skipped and reported.

import { budgetProblem, DEFAULT_SETTINGS, maxTallyBytesProblem, phasesProblem, type DecpSettings } from "./settings";

/** The id Obsidian knows the plugin by (manifest.json); its settings live in that plugin's data.json. */
export const PLUGIN_ID = "de-copilot-patterns";
export const DECP_SETTINGS_FILE = ".decp/settings.json";
export const DEFAULT_ORIGIN = "default";

export interface SettingsSource {
  /** Shown to the user as where a value came from: a vault-relative file path. */
  name: string;
  /** The parsed JSON; undefined when the file is absent. */
  data: unknown;
}

export interface EffectiveSettings {
  settings: DecpSettings;
  /** Dotted key ("budget", "phases.warning") -> the source that decided it, or "default". */
  origins: Record<string, string>;
  /** One line per value that was skipped, naming the file, the key and what to do. */
  problems: string[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function merge(defaults: Json, sources: { name: string; data: Json }[], prefix: string, out: EffectiveSettings): Json {
  const result: Json = {};
  for (const [key, fallback] of Object.entries(defaults)) {
    const path = prefix + key;
    if (isObject(fallback)) {
      const nested = sources.map((s) => {
        const value = s.data[key];
        return { name: s.name, data: isObject(value) ? value : {} };
      });
      for (const s of sources)
        if (s.data[key] !== undefined && !isObject(s.data[key]))
          out.problems.push(
            `${s.name}: ${path} is ${kind(s.data[key])}, not an object; it was ignored. Fix or remove it`,
          );
      result[key] = merge(fallback, nested, `${path}.`, out);
      continue;
    }
    result[key] = fallback;
    out.origins[path] = DEFAULT_ORIGIN;
    for (const s of sources) {
      const value = s.data[key];
      if (value === undefined) continue;
      if (kind(value) !== kind(fallback)) {
        out.problems.push(
          `${s.name}: ${path} is ${kind(value)}, not ${kind(fallback)}; it was ignored. Fix or remove it`,
        );
        continue;
      }
      const problem = VALUE_PROBLEMS[path]?.(value as never);
      if (problem) {
        out.problems.push(`${s.name}: ${path} ${JSON.stringify(value)} was ignored: ${problem}`);
        continue;
      }
      result[key] = value;
      out.origins[path] = s.name;
      break;
    }
  }
  return result;
}

/** The effective settings: for every key, the first source (in order) with a usable value, else the default. */
export function resolveSettingsFrom(sources: SettingsSource[]): EffectiveSettings {
  const out: EffectiveSettings = { settings: DEFAULT_SETTINGS, origins: {}, problems: [] };
  const usable: { name: string; data: Json }[] = [];
  for (const s of sources) {
    if (s.data === undefined) continue;
    if (isObject(s.data)) usable.push({ name: s.name, data: s.data });
    else out.problems.push(`${s.name} holds ${kind(s.data)}, not an object of settings; it was ignored`);
  }
  // A JSON copy, not structuredClone: the plugin resolves settings in onload, and iOS WebKit before
  // 15.4 has no structuredClone. Settings are plain JSON data.
  out.settings = JSON.parse(
    JSON.stringify(merge(DEFAULT_SETTINGS as unknown as Json, usable, "", out)),
  ) as DecpSettings;
  const phases = phasesProblem(out.settings.phases);
  if (phases) {
    out.problems.push(`phases were ignored: ${phases}`);
    out.settings.phases = { ...DEFAULT_SETTINGS.phases };
  }
  return out;
}

/**
 * Numbers a settings UI refuses when typed, refused here too when already stored (an older version,
 * a hand-edited file): a largest-file size of 0 would skip every note.
 */
const VALUE_PROBLEMS: Record<string, (value: number) => string | null> = {
  budget: budgetProblem,
  maxTallyBytes: maxTallyBytesProblem,
  "ticktick.syncIntervalMinutes": (minutes) =>
    Number.isInteger(minutes) && minutes >= 0 ? null : "the sync interval must be whole minutes, 0 or more",
};

/** Stored settings (one source) over the defaults, key by key. */
export function resolveSettings(stored: unknown): DecpSettings {
  return resolveSettingsFrom([{ name: "stored settings", data: stored }]).settings;
}

/** The settings part of the plugin's data.json ({ settings, ...state the features keep }). */
export function pluginSettingsIn(data: unknown): unknown {
  return isObject(data) ? data.settings : undefined;
}
