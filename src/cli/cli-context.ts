// What every CLI command starts from: the opened vault, its settings and a way to print results.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { resolveSettings, type DecpSettings } from "../core/settings";
import { FsVault } from "./fs-vault";

export interface CliVault {
  vault: FsVault;
  settings: DecpSettings;
}

/** Settings live in <vault>/.decp/settings.json (the plugin keeps its own in data.json). */
export async function openCliVault(root: string): Promise<CliVault> {
  const vault = await FsVault.open(root);
  const text = await fs.readFile(nodePath.join(vault.root, ".decp", "settings.json"), "utf8").catch(() => null);
  let stored: unknown = undefined;
  if (text !== null) {
    try {
      stored = JSON.parse(text);
    } catch (error) {
      const { UserError } = await import("../core/errors");
      throw new UserError(
        `.decp/settings.json is not valid JSON: ${(error as Error).message}`,
        { file: ".decp/settings.json" },
        "Fix or delete the file",
      );
    }
  }
  return { vault, settings: resolveSettings(stored) };
}

export interface OutputOptions {
  json?: boolean;
}

/** Prints one JSON document with --json, the human text otherwise. */
export function printResult(options: OutputOptions, human: string, json: unknown): void {
  if (options.json) process.stdout.write(JSON.stringify(json, null, 2) + "\n");
  else if (human !== "") process.stdout.write(human.endsWith("\n") ? human : human + "\n");
}
