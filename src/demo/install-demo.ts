// Puts a built demo on disk (any VaultPort) through a WritePlan: missing files are created, identical
// ones left alone (a second run writes nothing), and a demo file the user edited is kept, never
// overwritten. A non-empty folder that is not a previous demo is refused before anything is written.

import { UserError } from "../core/errors";
import { applyPlan, emptyPlan, planWrite } from "../core/write-plan";
import type { VaultPort } from "../core/vault";
import type { MemoryVault } from "./memory-vault";

/** Marks a folder as a demo built by decp, so a re-run may fill it in again. */
export const DEMO_MARKER = ".decp/demo.json";

export interface DemoInstallResult {
  written: string[];
  unchanged: string[];
  /** Demo files the user changed since the last run; left as they are. */
  kept: string[];
}

/**
 * `entries` are the names at the top of the target folder (hidden ones included), which the adapter
 * reads: a folder holding only `.obsidian` is somebody's vault, and a VaultPort does not list it.
 */
export async function assertDemoTarget(target: VaultPort, entries: string[], where: string): Promise<void> {
  if (entries.length === 0) return;
  if (await target.exists(DEMO_MARKER)) return;
  throw new UserError(
    `"${where}" is not empty and is not a demo vault built by decp`,
    {},
    "Nothing was written. Pass a new or empty folder, e.g. `decp demo ./demo-vault`",
  );
}

export async function installDemo(target: VaultPort, built: MemoryVault): Promise<DemoInstallResult> {
  const plan = emptyPlan();
  const kept: string[] = [];
  for (const path of built.allFiles()) {
    const content = await built.read(path);
    const existing = (await target.exists(path)) ? await target.read(path) : undefined;
    if (existing !== undefined && existing !== content) {
      kept.push(path);
      continue;
    }
    planWrite(plan, path, content, "demo", existing);
  }
  const { written } = await applyPlan(target, plan);
  for (const folder of built.allFolders()) await target.mkdir(folder);
  return { written, unchanged: plan.unchanged, kept };
}
