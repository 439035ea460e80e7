// The demo vault, built in memory from the embedded example with a fixed clock: a generated dbt
// project imported into model notes, the templates and protocol notes, the plugin enabled, and a
// worked session produced by the real core functions. Reused by the CLI (`decp demo`), the
// onboarding guide and the benchmarks.

import { createTokenCounter } from "../core/context";
import { fixedClock, type Clock } from "../core/ports";
import { DEFAULT_SETTINGS, type DecpSettings } from "../core/settings";
import { demoSettings, setUpDemoProject } from "./demo-project";
import { DEMO_MARKER } from "./install-demo";
import { MemoryVault } from "./memory-vault";
import { writeObsidianConfig, type PluginFiles } from "./obsidian-config";
import { writeWorkedRefactor } from "./worked-refactor";

/** The demo session happens on this morning, so every generated note is byte-stable. */
export const DEMO_START = "2026-01-21T09:00:00Z";
const HOUR = 3_600_000;

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
}

export interface BuiltDemo {
  vault: MemoryVault;
  settings: DecpSettings;
  report: DemoReport;
}

export async function buildDemo(options: DemoOptions): Promise<BuiltDemo> {
  const start = Date.parse(options.start ?? DEMO_START);
  // The vault stamps each write with the current step's time, so a day's summary lists that day's notes.
  let now = start - 16 * HOUR;
  const moveTo = (iso: string): Clock => {
    now = Date.parse(iso);
    return fixedClock(iso);
  };
  const vault = new MemoryVault(() => now);
  const settings = demoSettings(DEFAULT_SETTINGS);

  // The evening before: the project is imported and the vault laid out.
  await vault.write(DEMO_MARKER, JSON.stringify({ builtBy: "decp demo", version: 1 }, null, 2) + "\n");
  await writeObsidianConfig(vault, settings, options.plugin, options.configDir);
  await setUpDemoProject(vault, settings);
  const counter = await createTokenCounter(settings.encoding);
  await writeWorkedRefactor(vault, settings, { day1: new Date(start).toISOString(), day2: new Date(start + 24 * HOUR).toISOString() }, moveTo, counter);

  return { vault, settings, report: { files: vault.allFiles().length } };
}
