// The benchmark run: generates every data set into a temp dir, measures each area against a
// baseline from the same run, and prints a table (or one JSON document with --json).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCli } from "./cli";
import { benchDbt } from "./dbt";
import { writeManifests } from "./manifests";
import { progress, renderTable, type Figure } from "./figures";
import { benchPeer } from "./peer";
import { benchPlugin } from "./plugin";
import { benchScale } from "./scale";
import { benchTally } from "./tally";
import { benchTokenizers } from "./tokenizers";
import { generateNotes, writeNotes } from "./vault-data";

type Size = "small" | "full" | "scale";

interface Options {
  size: Size;
  json: boolean;
}

// rss: the project imported in a fresh process for peak RSS, then also used for cold CLI calls.
const SIZES = {
  small: { notes: 400, models: 300, rss: 300, reps: 3 },
  full: { notes: 10000, models: 5000, rss: 20000, reps: 5 },
};

function parseArgs(argv: string[]): Options {
  const options: Options = { size: "full", json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") options.json = true;
    else if (arg === "--size" || arg.startsWith("--size=")) {
      const value = arg.includes("=") ? arg.slice(7) : argv[++i];
      if (value !== "small" && value !== "full" && value !== "scale")
        throw new Error(`--size must be small, full or scale, not "${value}"`);
      options.size = value;
    } else throw new Error(`unknown argument "${arg}" (use --size small|full|scale and --json)`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const temp = mkdtempSync(join(tmpdir(), "decp-bench-"));
  const figures: Figure[] = [];
  try {
    if (options.size === "scale") figures.push(...(await benchScale(temp, 3)));
    else await benchAll(temp, SIZES[options.size], figures);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (options.json) process.stdout.write(JSON.stringify({ size: options.size, figures }, null, 2) + "\n");
  else process.stdout.write(renderTable(options.size, figures));
}

async function benchAll(temp: string, size: (typeof SIZES)["full"], figures: Figure[]): Promise<void> {
  progress(`generating ${size.notes} notes`);
  const notes = generateNotes(size.notes);
  const vaultRoot = join(temp, "vault");
  writeNotes(vaultRoot, notes.notes);
  figures.push(...(await benchTokenizers(notes, size.reps)));
  figures.push(...(await benchTally(vaultRoot, notes, size.reps)));
  figures.push(...(await benchPeer(vaultRoot, size.reps)));
  const dbt = join(temp, "dbt");
  figures.push(...(await benchDbt(dbt, writeManifests(join(dbt, "manifest"), size.models), size.reps, size.rss)));
  figures.push(...(await benchCli(join(dbt, "vault"), size.models, size.reps)));
  if (size.rss !== size.models) figures.push(...(await benchCli(join(dbt, "rss"), size.rss, size.reps)));
  figures.push(...(await benchPlugin(size.reps)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
