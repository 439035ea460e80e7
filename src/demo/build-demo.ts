// The demo vault, built in memory from the embedded example with a fixed clock: a generated dbt
// project imported into model notes, the templates and protocol notes, the plugin enabled, and a
// worked session produced by the real core functions. Reused by the CLI (`decp demo`), the
// onboarding guide and the benchmarks.

import { fixedClock, type Clock } from "../core/ports";
import { DEFAULT_SETTINGS, type DecpSettings } from "../core/settings";
import { DEMO_MARKER } from "./install-demo";
import { MemoryVault } from "./memory-vault";
import { writeObsidianConfig, type PluginFiles } from "./obsidian-config";

/** The demo session happens on this morning, so every generated note is byte-stable. */
export const DEMO_START = "2026-01-21T09:00:00Z";

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
  // Step n of the session happens n minutes after the start: later notes carry later timestamps.
  const at = (minutes: number): Clock => fixedClock(new Date(start + minutes * 60_000).toISOString());
  const vault = new MemoryVault(() => at(0).now().getTime());
  const settings = structuredClone(DEFAULT_SETTINGS);

  await vault.write(DEMO_MARKER, JSON.stringify({ builtBy: "decp demo", version: 1 }, null, 2) + "\n");
  await writeObsidianConfig(vault, settings, options.plugin, options.configDir);

  return { vault, settings, report: { files: vault.allFiles().length } };
}
