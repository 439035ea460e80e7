// The user's settings, shared by the plugin (data.json) and the CLI (<vault>/.decp/settings.json);
// settings-sources.ts decides which source each value comes from. Every folder is a setting; defaults
// follow the vault layout in docs/ARCHITECTURE.md.

import { isUserError } from "./errors";
import { normalizeVaultPath } from "./vault";

export type Encoding = "o200k_base" | "cl100k_base";

export interface BudgetPhases {
  /**
   * Fractions of the context window (gsd-lite's phases): below `comfortable` is comfortable, below
   * `deliberate` deliberate, below `warning` warning, else stop. Never fractions of a pack's own budget.
   */
  comfortable: number;
  deliberate: number;
  warning: number;
}

export interface TickTickSettings {
  /** Project id that open loops go to; "inbox" is TickTick's Inbox. */
  listId: string;
  /** How "clarifying" (waiting for) is expressed in TickTick: a tag, or a list. */
  waitingMode: "tag" | "list";
  waitingTag: string;
  waitingListId: string;
  /** New tasks carrying this tag (or in the import list) become new open loops. */
  importTag: string;
  importListId: string;
  syncIntervalMinutes: number;
  deleteRemote: boolean;
  /** The Open API of an official service (core/ticktick/hosts.ts); other servers only through TICKTICK_API_BASE. */
  apiBase: string;
  oauthClientId: string;
  /** Name of the secret in Obsidian's secret storage that holds the access token (never the token). */
  tokenSecretId: string;
}

/** Daily notes as the core Daily notes plugin defines them; the CLI's stand-in for Obsidian's own settings. */
export interface DailyNoteSettings {
  folder: string;
  /** Moment-style format, e.g. "YYYY-MM-DD" or "YYYY/MM/DD dddd". */
  format: string;
  /** Template note path ("" for none), applied when the daily note is created. */
  template: string;
}

export interface DecpSettings {
  rootFolder: string;
  protocolFolder: string;
  templatesFolder: string;
  loopsFolder: string;
  contextFolder: string;
  sessionsFolder: string;
  /** Task notes made from the task templates (refactor, debugging, new model). */
  tasksFolder: string;
  dbtFolder: string;
  /** Tokens one context pack may use. */
  budget: number;
  /** Tokens the copilot's model can hold: the phases are shares of it. */
  contextWindow: number;
  phases: BudgetPhases;
  encoding: Encoding;
  /** Files larger than this (bytes) are skipped by tallies and packs. */
  maxTallyBytes: number;
  dbtManifestPath: string;
  dbtProjectPath: string;
  ticktick: TickTickSettings;
  /**
   * Daily notes when the vault's Obsidian config does not say (no config folder, or neither Periodic
   * Notes nor core Daily notes enabled); otherwise Obsidian's own daily-note settings decide.
   */
  dailyNotes: DailyNoteSettings;
}

export const DEFAULT_SETTINGS: DecpSettings = {
  rootFolder: "Copilot",
  protocolFolder: "Copilot/Protocol",
  templatesFolder: "Copilot/Templates",
  loopsFolder: "Copilot/Loops",
  contextFolder: "Copilot/Context",
  sessionsFolder: "Copilot/Sessions",
  tasksFolder: "Copilot/Tasks",
  dbtFolder: "dbt",
  budget: 5000,
  contextWindow: 200_000,
  phases: { comfortable: 0.2, deliberate: 0.4, warning: 0.5 },
  encoding: "o200k_base",
  maxTallyBytes: 2_000_000,
  dbtManifestPath: "",
  dbtProjectPath: "",
  ticktick: {
    listId: "inbox",
    waitingMode: "tag",
    waitingTag: "waiting-for",
    waitingListId: "",
    importTag: "decp",
    importListId: "",
    syncIntervalMinutes: 0,
    deleteRemote: false,
    apiBase: "https://api.ticktick.com/open/v1",
    oauthClientId: "",
    tokenSecretId: "decp-ticktick-token",
  },
  dailyNotes: { folder: "", format: "YYYY-MM-DD", template: "" },
};

/** Why a largest-file size is unusable, or null when it is a whole number of bytes above zero. */
export function maxTallyBytesProblem(bytes: number): string | null {
  if (!Number.isInteger(bytes) || bytes <= 0)
    return "The largest file to count must be a whole number of bytes above 0";
  return null;
}

/** Why a token budget is unusable, or null when it is a whole number of tokens above zero. */
export function budgetProblem(budget: number): string | null {
  if (!Number.isFinite(budget) || !Number.isInteger(budget) || budget <= 0)
    return "The token budget must be a whole number above 0";
  return null;
}

/** Why a context window size is unusable, or null: whole tokens, at least 1,000 (no model holds less). */
export function contextWindowProblem(tokens: number): string | null {
  if (!Number.isInteger(tokens) || tokens < 1000)
    return "The context window must be a whole number of tokens, at least 1000 (200000 for most current models)";
  return null;
}

/** Why phase thresholds are unusable, or null: each is a fraction in (0, 1], and they increase. */
export function phasesProblem(phases: BudgetPhases): string | null {
  const order: (keyof BudgetPhases)[] = ["comfortable", "deliberate", "warning"];
  for (const key of order) {
    const value = phases[key];
    if (!Number.isFinite(value) || value <= 0 || value > 1)
      return `The ${key} threshold must be a fraction between 0 and 1, such as 0.2 for 20 %`;
  }
  if (!(phases.comfortable < phases.deliberate && phases.deliberate < phases.warning)) {
    return `Thresholds must increase: comfortable (${phases.comfortable}) < deliberate (${phases.deliberate}) < warning (${phases.warning})`;
  }
  return null;
}

/** Why a folder setting is unusable (empty, absolute, leaving the vault), or null. */
export function folderProblem(path: string): string | null {
  try {
    if (normalizeVaultPath(path) === "") return "Enter a folder inside the vault, such as Copilot/Loops";
    return null;
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  }
}
