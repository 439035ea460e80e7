// The demo's starting point, the evening before the worked session: the vault laid out as `decp init`
// does (folders, templates, protocol notes), CLI settings that agree with the demo's Daily notes, and
// the generated dbt project imported into model notes. Only core functions; nothing demo-specific is decided here.

import { importDbtProject, readManifest, type ImportReport } from "../core/dbt";
import type { DecpSettings } from "../core/settings";
import { applyVaultLayout, planVaultLayout } from "../core/templates";
import type { VaultPort } from "../core/vault";
import { generateDbtProject } from "./generate-dbt-project";
import { DAILY_FOLDER, DAILY_FORMAT } from "./obsidian-config";

/**
 * Models in the demo project. The generator gives 45 % of them to the reporting layer, all reading
 * dim_customers: 460 models put 207 models downstream of the dimension, the 200+ lineage the worked
 * refactor is about.
 */
export const DEMO_MODELS = 460;
export const DEMO_PROJECT = "acme";
/** Where `decp` (the CLI) reads its settings in a vault; the plugin keeps its own in data.json. */
export const CLI_SETTINGS = ".decp/settings.json";

/** The demo's settings: the defaults, with handoffs going to the Daily folder Obsidian is configured with. */
export function demoSettings(defaults: DecpSettings): DecpSettings {
  const settings = structuredClone(defaults);
  settings.dailyNotes = { ...settings.dailyNotes, folder: DAILY_FOLDER, format: DAILY_FORMAT };
  return settings;
}

export async function setUpDemoProject(vault: VaultPort, settings: DecpSettings): Promise<ImportReport> {
  await vault.write(CLI_SETTINGS, JSON.stringify({ dailyNotes: settings.dailyNotes }, null, 2) + "\n");
  const layout = await planVaultLayout(vault, settings);
  await applyVaultLayout(vault, layout, async () => false);
  const generated = generateDbtProject({ models: DEMO_MODELS, name: DEMO_PROJECT });
  return importDbtProject(vault, settings, readManifest(generated.manifest));
}
