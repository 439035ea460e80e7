// `decp init <vault>`: lays out the vault (folders from settings, templates, protocol notes).
// Idempotent: a second run writes nothing; a template the user edited is kept, the new one goes beside it.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { Command } from "commander";
import { UserError } from "../../core/errors";
import { planVaultLayout } from "../../core/templates";
import { applyPlan } from "../../core/write-plan";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";

export interface InitResult {
  folders: string[];
  written: string[];
  unchanged: number;
  kept: { path: string; newVersion: string | null }[];
}

async function isFolder(path: string): Promise<boolean> {
  return (await fs.stat(path).catch(() => null))?.isDirectory() ?? false;
}

export async function initVault(root: string): Promise<InitResult> {
  const stat = await fs.stat(root).catch(() => null);
  if (stat && !stat.isDirectory()) throw new UserError(`Vault path "${root}" is a file, not a folder`, {}, "Pass a folder (it is created when missing)");
  if (!stat) await fs.mkdir(root, { recursive: true });
  const { vault, settings } = await openCliVault(root);
  const layout = await planVaultLayout(vault, settings);
  const folders: string[] = [];
  for (const folder of layout.folders) {
    if (await isFolder(nodePath.join(vault.root, folder))) continue;
    await vault.mkdir(folder);
    folders.push(folder);
  }
  const { written } = await applyPlan(vault, layout.plan);
  return { folders, written, unchanged: layout.plan.unchanged.length, kept: layout.kept };
}

export function describeInit(result: InitResult): string {
  const lines: string[] = [];
  if (result.folders.length === 0 && result.written.length === 0) lines.push("Vault already laid out: nothing to do.");
  for (const folder of result.folders) lines.push(`created folder ${folder}/`);
  for (const path of result.written) lines.push(`wrote ${path}`);
  for (const k of result.kept) {
    lines.push(k.newVersion ? `kept your edited ${k.path}; the new version is in ${k.newVersion}` : `kept your edited ${k.path} and its edited new version; nothing written`);
  }
  return lines.join("\n");
}

export function registerInitCommands(program: Command): void {
  program
    .command("init")
    .description("Lay out a vault: folders, templates and protocol notes (safe to run again)")
    .argument("<vault>", "vault folder (created when missing)")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions) => {
      const result = await initVault(root);
      printResult(options, describeInit(result), result);
    });
}
