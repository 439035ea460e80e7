// The plugin's own settings blocks: folders, token budget and phases, context packs, dbt.
// Validation comes from src/core/settings so the CLI and the plugin accept the same values.

import type { SettingDefinitionGroup, SettingDefinition } from "obsidian";
import {
  budgetProblem,
  contextWindowProblem,
  folderProblem,
  maxTallyBytesProblem,
  phasesProblem,
  type BudgetPhases,
  type DecpSettings,
} from "../../core/settings";

/** Keys whose values are vault folders: stored normalized. */
export const FOLDER_KEYS = [
  "rootFolder",
  "protocolFolder",
  "templatesFolder",
  "loopsFolder",
  "contextFolder",
  "sessionsFolder",
  "dbtFolder",
] as const;

function folder(key: (typeof FOLDER_KEYS)[number], name: string, desc: string): SettingDefinition {
  return {
    name,
    desc,
    control: {
      type: "folder",
      key,
      placeholder: "Folder/Path",
      validate: (value: string) => folderProblem(value) ?? undefined,
    },
  };
}

function phase(settings: DecpSettings, key: keyof BudgetPhases, name: string, desc: string): SettingDefinition {
  return {
    name,
    desc,
    control: {
      type: "number",
      key: `phases.${key}`,
      min: 0,
      max: 1,
      step: "any",
      validate: (value: number) => phasesProblem({ ...settings.phases, [key]: value }) ?? undefined,
    },
  };
}

export function coreSettingGroups(settings: DecpSettings): SettingDefinitionGroup[] {
  return [
    {
      type: "group",
      heading: "Folders",
      items: [
        folder("rootFolder", "Root folder", "Where the protocol notes live."),
        folder("protocolFolder", "Protocol folder", "Bootloader, protocol reference and onboarding guide."),
        folder("templatesFolder", "Templates folder", "Your editable copies of the bundled templates."),
        folder("loopsFolder", "Loops folder", "One note per open question."),
        folder("contextFolder", "Context folder", "Context decision records."),
        folder("sessionsFolder", "Sessions folder", "Session summaries and pull request narratives."),
        folder("dbtFolder", "Model notes folder", "One note per dbt model, source, seed and snapshot."),
      ],
    },
    {
      type: "group",
      heading: "Token budget",
      items: [
        {
          name: "Budget",
          desc: "Tokens a context pack may use.",
          control: {
            type: "number",
            key: "budget",
            min: 1,
            step: 1,
            validate: (value: number) => budgetProblem(value) ?? undefined,
          },
        },
        {
          name: "Context window",
          desc: "Tokens your copilot's model can hold, such as 200000. The phases below are shares of it.",
          control: {
            type: "number",
            key: "contextWindow",
            min: 1000,
            step: 1,
            validate: (value: number) => contextWindowProblem(value) ?? undefined,
          },
        },
        // Each threshold is named by the phase it starts, so a value reads as "from here on".
        phase(
          settings,
          "comfortable",
          "Deliberate from",
          "The share of the context window where the deliberate phase begins, such as 0.2 for 20 %: from here, every addition needs a reason.",
        ),
        phase(
          settings,
          "deliberate",
          "Warning from",
          "The share where the warning phase begins, such as 0.4: finish the current step, explore nothing new.",
        ),
        phase(
          settings,
          "warning",
          "Stop from",
          "The share where the stop phase begins, such as 0.5: write the handoff and start a fresh session.",
        ),
      ],
    },
    {
      type: "group",
      heading: "Context packs",
      items: [
        {
          name: "Encoding",
          desc: "The tokenizer your copilot's model uses.",
          control: {
            type: "dropdown",
            key: "encoding",
            options: { o200k_base: "o200k_base (GPT-4o and later)", cl100k_base: "cl100k_base (GPT-4, GPT-3.5)" },
          },
        },
        {
          name: "Largest file to count",
          desc: "Files above this many bytes are skipped by tallies and packs, with the reason.",
          control: {
            type: "number",
            key: "maxTallyBytes",
            min: 1,
            step: 1,
            validate: (value: number) => maxTallyBytesProblem(value) ?? undefined,
          },
        },
      ],
    },
    {
      type: "group",
      heading: "dbt project",
      items: [
        {
          name: "Manifest path",
          desc: "The dbt manifest.json to import, such as target/manifest.json in your project.",
          control: { type: "text", key: "dbtManifestPath", placeholder: "/path/to/target/manifest.json" },
        },
        {
          name: "Project path",
          desc: "The dbt project folder, used when no manifest is given.",
          control: { type: "text", key: "dbtProjectPath", placeholder: "/path/to/dbt_project" },
        },
      ],
    },
  ];
}
