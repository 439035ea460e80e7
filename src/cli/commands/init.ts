// `decp init <vault>`: lays out the vault (folders from settings, templates, protocol notes).
// Idempotent: a second run writes nothing; a template the user edited is kept, the new one goes beside it.

import { promises as fs } from "node:fs";
import type { Command } from "commander";
import { UserError } from "../../core/errors";
import { applyVaultLayout, describeVaultLayout, planVaultLayout, type VaultLayoutResult } from "../../core/templates";
import { openCliVault, printResult, type OutputOptions } from "../cli-context";

export async function initVault(root: string): Promise<VaultLayoutResult> {
  const stat = await fs.stat(root).catch(() => null);
  if (stat && !stat.isDirectory())
    throw new UserError(
      `Vault path "${root}" is a file, not a folder`,
      {},
      "Pass a folder (it is created when missing)",
    );
  if (!stat) await fs.mkdir(root, { recursive: true });
  const { vault, settings } = await openCliVault(root);
  const layout = await planVaultLayout(vault, settings);
  return applyVaultLayout(
    vault,
    layout,
    async (folder) => (await fs.stat(vault.absolute(folder)).catch(() => null))?.isDirectory() ?? false,
  );
}

export function registerInitCommands(program: Command): void {
  program
    .command("init")
    .description("Lay out a vault: folders, templates and protocol notes (safe to run again)")
    .argument("<vault>", "vault folder (created when missing)")
    .option("--json", "print one JSON document")
    .action(async (root: string, options: OutputOptions) => {
      const result = await initVault(root);
      printResult(options, describeVaultLayout(result).join("\n"), result);
    });
}
