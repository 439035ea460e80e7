// The vault layout `decp init` and "Install templates into vault" lay out: the configured folders, the
// templates and the protocol notes.

import type { DecpSettings } from "../settings";
import { planTemplateInstall, type TemplateInstallPlan } from "./install";
import type { VaultPort } from "../vault";

export interface VaultLayoutPlan extends TemplateInstallPlan {
  /** Every folder the layout needs (creating an existing one is a no-op). */
  folders: string[];
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
