// `decp settings <vault>`: the settings every command and the MCP server use for this vault, each
// with the file it came from (the plugin's data.json, .decp/settings.json, Obsidian's Daily notes or
// Periodic Notes settings, or the default), and any value that was skipped.

import type { Command } from "commander";
import { DECP_SETTINGS_FILE } from "../../core/settings-sources";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";
import type { VaultConfig } from "../vault-config";

function valueAt(settings: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], settings);
}

export function describeSettings(root: string, config: VaultConfig): string {
  const sources = [config.pluginFolder && `${config.pluginFolder}/data.json`, DECP_SETTINGS_FILE, "defaults"];
  const rows = Object.entries(config.origins).map(([key, origin]) => [
    key,
    JSON.stringify(valueAt(config.settings, key)),
    origin,
  ]);
  const width = (i: number) => Math.max(...rows.map((r) => r[i].length));
  return [
    `Settings of ${root}`,
    config.configDir
      ? `Obsidian config folder: ${config.configDir}${config.pluginFolder ? `; the plugin is installed in ${config.pluginFolder}` : "; the plugin is not installed"}`
      : "No Obsidian config folder: decp's own settings and defaults only",
    `Each setting comes from the first of: ${sources.filter(Boolean).join(", ")}; daily notes from Obsidian's Periodic Notes or Daily notes settings when enabled`,
    "",
    ...rows.map(([key, value, origin]) => `${key.padEnd(width(0))}  ${value.padEnd(width(1))}  ${origin}`),
    ...(config.problems.length ? ["", "Skipped:", ...config.problems.map((p) => `- ${p}`)] : []),
  ].join("\n");
}

export function registerSettingsCommands(program: Command): void {
  program
    .command("settings")
    .description("Print the effective settings for a vault and where each one comes from")
    .argument("<vault>", "vault folder")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions) => {
      // Problems are part of the report here, not warnings.
      const { config } = await openCliVault(root, () => undefined);
      printResult(options, describeSettings(root, config), {
        settings: config.settings,
        origins: config.origins,
        configDir: config.configDir,
        pluginFolder: config.pluginFolder,
        dailyNotes: { ...config.daily, from: config.dailyOrigin },
        problems: config.problems,
      });
    });
}
