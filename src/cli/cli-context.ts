// What every CLI command starts from: the opened vault, its settings (from the same sources the
// plugin uses, see vault-config.ts) and a way to print results.

import type { DailyNoteSettings, DecpSettings } from "../core/settings";
import { FsVault } from "./fs-vault";
import { readVaultConfig, type VaultConfig } from "./vault-config";

export interface CliVault {
  vault: FsVault;
  settings: DecpSettings;
  /** The daily-note settings the vault uses (also in settings.dailyNotes). */
  daily: DailyNoteSettings;
  config: VaultConfig;
}

/**
 * Opens the vault and resolves its settings: the plugin's data.json when the plugin is installed,
 * then .decp/settings.json, then the defaults; daily notes as Obsidian's config says. A skipped
 * value is reported on `warn` (stderr for the CLI, the log for the MCP server).
 */
export async function openCliVault(
  root: string,
  warn: (line: string) => void = (line) => process.stderr.write(`decp: warning: ${line}\n`),
): Promise<CliVault> {
  const vault = await FsVault.open(root);
  const config = await readVaultConfig(vault);
  for (const problem of config.problems) warn(problem);
  return { vault, settings: config.settings, daily: config.daily, config };
}

export interface OutputOptions {
  json?: boolean;
}

/** Prints one JSON document with --json, the human text otherwise. */
export function printResult(options: OutputOptions, human: string, json: unknown): void {
  if (options.json) process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  else if (human !== "") process.stdout.write(human.endsWith("\n") ? human : human + "\n");
}
