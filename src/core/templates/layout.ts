// The vault layout `decp init` and "Install templates into vault" lay out: the configured folders, the
// templates and the protocol notes. Both adapters apply it the same way and describe it in the same words.

import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { applyPlan } from "../write-plan";
import { planTemplateInstall, type KeptTemplate, type TemplateInstallPlan } from "./install";

export interface VaultLayoutPlan extends TemplateInstallPlan {
  /** Every folder the layout needs (creating an existing one is a no-op). */
  folders: string[];
}

export interface VaultLayoutResult {
  /** Folders that did not exist and were created. */
  folders: string[];
  written: string[];
  unchanged: number;
  kept: KeptTemplate[];
}

export function layoutFolders(settings: DecpSettings): string[] {
  const folders = [
    settings.rootFolder,
    settings.protocolFolder,
    settings.templatesFolder,
    settings.loopsFolder,
    settings.contextFolder,
    settings.sessionsFolder,
    settings.tasksFolder,
    settings.dbtFolder,
  ];
  return [...new Set(folders.filter((f) => f.trim() !== ""))];
}

export async function planVaultLayout(vault: VaultPort, settings: DecpSettings): Promise<VaultLayoutPlan> {
  return { folders: layoutFolders(settings), ...(await planTemplateInstall(vault, settings)) };
}

/** Creates the missing folders, then applies the writes. `isFolder` is the adapter's folder check. */
export async function applyVaultLayout(
  vault: VaultPort,
  layout: VaultLayoutPlan,
  isFolder: (path: string) => Promise<boolean>,
): Promise<VaultLayoutResult> {
  const folders: string[] = [];
  for (const folder of layout.folders) {
    if (await isFolder(folder)) continue;
    await vault.mkdir(folder);
    folders.push(folder);
  }
  const { written } = await applyPlan(vault, layout.plan);
  return { folders, written, unchanged: layout.plan.unchanged.length, kept: layout.kept };
}

/** One line per thing done, or the single "nothing to do" line. */
export function describeVaultLayout(result: VaultLayoutResult): string[] {
  const lines: string[] = [];
  if (result.folders.length === 0 && result.written.length === 0) lines.push("Vault already laid out: nothing to do.");
  for (const folder of result.folders) lines.push(`created folder ${folder}/`);
  for (const path of result.written) lines.push(`wrote ${path}`);
  for (const k of result.kept) {
    lines.push(
      k.newVersion
        ? `kept your edited ${k.path}; the new version is in ${k.newVersion}`
        : `kept your edited ${k.path} and its edited new version; nothing written`,
    );
  }
  return lines;
}
