// `decp sync <vault> [--dry-run] [--json]`: the TickTick round trip from the command line.
// The token comes from TICKTICK_TOKEN only (never a file), the server from TICKTICK_API_BASE.

import type { Command } from "commander";
import * as nodePath from "node:path";
import { UserError } from "../../core/errors";
import { systemClock } from "../../core/ports";
import { describeReport, syncTickTick, type SyncReport } from "../../core/ticktick";
import { openCliVault, printResult } from "../cli-context";
import { nodeHttp } from "../node-http";
import { createStatusLine } from "../progress";
import { fileStatePort } from "../ticktick-state-file";

export interface SyncCommandOptions {
  dryRun?: boolean;
  json?: boolean;
}

export async function runSync(
  vaultArg: string,
  options: SyncCommandOptions,
  env: NodeJS.ProcessEnv = process.env,
  onProgress?: (message: string) => void,
): Promise<SyncReport> {
  const token = env.TICKTICK_TOKEN?.trim();
  if (!token)
    throw new UserError(
      "TICKTICK_TOKEN is not set",
      {},
      "Set TICKTICK_TOKEN to your TickTick access token (and TICKTICK_API_BASE for another server)",
    );
  const { vault, settings } = await openCliVault(vaultArg);
  return syncTickTick(
    {
      vault,
      settings,
      token,
      http: nodeHttp,
      state: fileStatePort(vault.root),
      clock: systemClock,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      vaultName: nodePath.basename(vault.root),
      apiBase: env.TICKTICK_API_BASE?.trim(),
    },
    { dryRun: options.dryRun, onProgress },
  );
}

export function syncJson(report: SyncReport): Record<string, unknown> {
  const { created, updated, imported, clarified, conflicts, errors, skipped, pending, dryRun, actions, authRequired } =
    report;
  return { created, updated, imported, clarified, conflicts, errors, skipped, pending, dryRun, actions, authRequired };
}

export function registerTicktickCommands(program: Command): void {
  program
    .command("sync <vault>")
    .description("Sync approved loops with TickTick (env TICKTICK_TOKEN, TICKTICK_API_BASE)")
    .option("--dry-run", "read TickTick and say what would change, writing nothing")
    .option("--json", "print one JSON document")
    .action(async (vaultArg: string, options: SyncCommandOptions) => {
      const status = createStatusLine({ json: options.json });
      const report = await runSync(vaultArg, options, process.env, (message) => status.show(message)).finally(() =>
        status.done(),
      );
      printResult(options, describeReport(report).join("\n"), syncJson(report));
      if (report.authRequired)
        throw new UserError(
          "TickTick rejected the token",
          {},
          "Set a fresh TICKTICK_TOKEN and run decp sync again; pending changes are kept",
        );
      if (report.errors.length)
        throw new UserError(
          `${report.errors.length} loop${report.errors.length === 1 ? "" : "s"} did not sync`,
          {},
          "See the errors above; run decp sync again",
        );
    });
}
