// The demo vault, built in memory from the embedded example with a fixed clock: a generated dbt
// project (as a real project folder) imported into model notes, the templates and protocol notes,
// the plugin enabled, and a worked session produced by the real core functions. Reused by the CLI
// (`decp demo`), the onboarding guide and the benchmarks.

import { createTokenCounter } from "../core/context";
import { importDbtProject, readManifest } from "../core/dbt";
import { fixedClock, type Clock } from "../core/ports";
import { DEFAULT_SETTINGS, type DecpSettings } from "../core/settings";
import { applyVaultLayout, planVaultLayout } from "../core/templates";
import { joinVaultPath } from "../core/vault";
import { runDemoSession, type DemoSession } from "./demo-session";
import { runSecondSession, type WorkedRefactor } from "./worked-refactor";
import { generateDbtProject } from "./generate-dbt-project";
import { DEMO_MARKER } from "./install-demo";
import { MemoryVault } from "./memory-vault";
import { DAILY_FOLDER, DAILY_FORMAT, writeObsidianConfig, type PluginFiles } from "./obsidian-config";

/** The demo session happens on this morning, so every generated note is byte-stable. */
export const DEMO_START = "2026-01-21T09:00:00Z";
// Enough models that the wide dimension has 200+ downstream models (the generator makes ~45 % of them reporting).
export const DEMO_MODELS = 450;
/** The dbt project's own folder inside the demo vault: sources, SQL, YAML and target/manifest.json. */
export const DEMO_PROJECT_FOLDER = "dbt-project";

export interface DemoOptions {
  plugin: PluginFiles;
  /** Obsidian's configuration folder in the new vault. */
  configDir: string;
  /** Where the session starts; each step advances from here. */
  start?: string;
}

export interface DemoReport {
  /** Every file of the demo, hidden ones included. */
  files: number;
  project: string;
  models: number;
  sources: number;
  session: DemoSession;
  /** The second session and the index note of the worked refactor. */
  refactor: WorkedRefactor;
}

export interface BuiltDemo {
  vault: MemoryVault;
  settings: DecpSettings;
  report: DemoReport;
}

/** The CLI reads these from .decp/settings.json: daily notes where Obsidian's core plugin puts them. */
function demoSettings(): DecpSettings {
  const settings = structuredClone(DEFAULT_SETTINGS);
  settings.dailyNotes = { folder: DAILY_FOLDER, format: DAILY_FORMAT, template: "" };
  return settings;
}

export async function buildDemo(options: DemoOptions): Promise<BuiltDemo> {
  const start = Date.parse(options.start ?? DEMO_START);
  // Step n of the session happens n minutes after the start: later notes carry later timestamps.
  const at = (minutes: number): Clock => fixedClock(new Date(start + minutes * 60_000).toISOString());
  // The vault was set up and the project imported the evening before; the session's notes are
  // stamped with the session's morning, so the summary lists what the session touched.
  const vault = new MemoryVault(() => start - 16 * 3_600_000);
  const settings = demoSettings();

  await vault.write(DEMO_MARKER, JSON.stringify({ builtBy: "decp demo", version: 1 }, null, 2) + "\n");
  await vault.write(".decp/settings.json", JSON.stringify({ dailyNotes: settings.dailyNotes }, null, 2) + "\n");
  await writeObsidianConfig(vault, settings, options.plugin, options.configDir);
  await applyVaultLayout(vault, await planVaultLayout(vault, settings), async (folder) => vault.hasFolder(folder));

  const project = generateDbtProject({ models: DEMO_MODELS });
  for (const [path, text] of Object.entries(project.files))
    await vault.write(joinVaultPath(DEMO_PROJECT_FOLDER, path), text);
  // What `dbt parse` leaves behind, so `decp import-dbt --manifest` works on the folder too.
  const manifestPath = joinVaultPath(DEMO_PROJECT_FOLDER, "target/manifest.json");
  await vault.write(manifestPath, JSON.stringify(project.manifest, null, 2) + "\n");
  const imported = await importDbtProject(vault, settings, readManifest(project.manifest, manifestPath));

  vault.now = () => start;
  const counter = await createTokenCounter(settings.encoding);
  const session = await runDemoSession(vault, settings, { at, counter });
  // The next morning, the second session of the worked refactor.
  const nextDay = start + 24 * 3_600_000;
  const atNextDay = (minutes: number): Clock => {
    const time = nextDay + minutes * 60_000;
    vault.now = () => time;
    return fixedClock(new Date(time).toISOString());
  };
  const refactor = await runSecondSession(vault, settings, session, { at: atNextDay, counter });
  return {
    vault,
    settings,
    report: {
      files: vault.allFiles().length,
      project: imported.project,
      models: imported.models,
      sources: imported.sources,
      session,
      refactor,
    },
  };
}
