// Cold CLI calls on a big vault: each `decp` command in a fresh Node process, against the floor of
// any cold call (the CLI bundle loaded, then a stat of every note), run alternately. The persisted
// vault index (with the lineage saved beside it) and token cache exist from an earlier call, as in a
// session; the first call without an index (nor a saved lineage) is reported beside them.

import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { loadLineageFromVault } from "../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { focusModel } from "./dbt";
import { figure, paired, progress, ratio, type Figure } from "./figures";

const CLI = join(__dirname, "..", "..", "dist", "cli.js");
export const INDEX_FILE = join(".decp", "cache", "vault-index.json");
/** The lineage saved beside the index: a call without an index has neither. */
export const LINEAGE_FILE = join(".decp", "cache", "vault-lineage.txt");

/** Wall time of one process, in ms; a failing command fails the bench with its stderr. */
function wall(args: string[]): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed (${run.status}): ${run.stderr}`);
  return ms;
}

export function cliCall(vaultRoot: string, args: string[]): () => number {
  return () => wall([CLI, args[0], vaultRoot, ...args.slice(1)]);
}

export function cliFloor(vaultRoot: string): () => number {
  return () => wall([join(__dirname, "child.cjs"), "cli-floor", CLI, vaultRoot]);
}

export async function cliCommands(vaultRoot: string): Promise<Record<string, string[]>> {
  const graph = await loadLineageFromVault(new FsVault(vaultRoot), DEFAULT_SETTINGS);
  const focus = focusModel(graph).name;
  return {
    select: ["select", `+${focus}+`],
    pack: ["pack", "--focus", focus, "--budget", "5000"],
    tally_select: ["tally", "--select", `+${focus}+`],
    resume: ["resume"],
  };
}

export async function benchCli(vaultRoot: string, models: number, reps: number): Promise<Figure[]> {
  progress(`cli: cold calls on ${models} models`);
  const commands = await cliCommands(vaultRoot);
  const floor = cliFloor(vaultRoot);
  const figures: Figure[] = [];
  for (const [name, args] of Object.entries(commands)) {
    const measured = await paired(cliCall(vaultRoot, args), floor, reps);
    figures.push(
      ratio(`cli_${name}_${models}`, measured, "the CLI bundle loaded + stat every note", 2.0, args.join(" ")),
    );
  }
  const noIndex = await paired(
    () => {
      rmSync(join(vaultRoot, INDEX_FILE), { force: true });
      rmSync(join(vaultRoot, LINEAGE_FILE), { force: true });
      return cliCall(vaultRoot, commands.select)();
    },
    floor,
    Math.min(reps, 3),
    0,
  );
  figures.push(
    figure(
      `cli_select_no_index_${models}`,
      noIndex.ms,
      "ms",
      undefined,
      `first call, the index built: ${noIndex.ratio.toFixed(2)}x floor`,
    ),
  );
  return figures;
}
