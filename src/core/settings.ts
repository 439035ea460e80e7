// The user's settings, shared by the plugin (data.json) and the CLI (<vault>/.decp/settings.json).
// Every folder is a setting; defaults follow the vault layout in DESIGN.md.

export type Encoding = "o200k_base" | "cl100k_base";

export interface BudgetPhases {
  /** Fractions of the budget: below `comfortable` is comfortable, below `deliberate` deliberate, below `warning` warning, else stop. */
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
  apiBase: string;
  oauthClientId: string;
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
  budget: number;
  phases: BudgetPhases;
  encoding: Encoding;
  stripComments: boolean;
  stripFrontmatter: boolean;
  /** Files larger than this (bytes) are skipped by tallies and packs. */
  maxTallyBytes: number;
  dbtManifestPath: string;
  dbtProjectPath: string;
  ticktick: TickTickSettings;
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
  phases: { comfortable: 0.2, deliberate: 0.4, warning: 0.5 },
  encoding: "o200k_base",
  stripComments: true,
  stripFrontmatter: false,
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
  },
};

/** Merges stored settings over the defaults, field by field, so new settings get their default. */
export function resolveSettings(stored: unknown): DecpSettings {
  const base = structuredClone(DEFAULT_SETTINGS);
  if (!stored || typeof stored !== "object") return base;
  const s = stored as Partial<DecpSettings>;
  return {
    ...base,
    ...s,
    phases: { ...base.phases, ...(s.phases ?? {}) },
    ticktick: { ...base.ticktick, ...(s.ticktick ?? {}) },
  };
}
