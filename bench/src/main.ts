// The benchmark run: generates every data set into a temp dir, measures each area against a
// baseline from the same run, and prints a table (or one JSON document with --json).

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchCli } from "./cli";
import { benchDbt, prepareVaults } from "./dbt";
import { writeManifests } from "./manifests";
import { progress, renderTable, type Figure } from "./figures";
import { benchPeer } from "./peer";
import { benchPlugin } from "./plugin";
import { benchScale } from "./scale";
import { benchTally } from "./tally";
import { benchTokenizers } from "./tokenizers";
import { generateNotes, writeNotes } from "./vault-data";

type Size = "small" | "full" | "scale";

const AREAS = ["tokenizers", "tally", "peer", "dbt", "cli", "plugin"] as const;
type Area = (typeof AREAS)[number];

interface Options {
  size: Size;
  json: boolean;
  /** The areas to measure (all when absent); `cli` alone still imports the projects it calls, unmeasured. */
  only?: Set<Area>;
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
    } else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg.includes("=") ? arg.slice(7) : (argv[++i] ?? "");
      const areas = value.split(",").filter((a) => a !== "");
      const unknown = areas.filter((a) => !(AREAS as readonly string[]).includes(a));
      if (areas.length === 0 || unknown.length > 0)
        throw new Error(`--only takes a comma-separated list of ${AREAS.join(", ")}, not "${value}"`);
      options.only = new Set(areas as Area[]);
    } else throw new Error(`unknown argument "${arg}" (use --size small|full|scale, --only <areas> and --json)`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const temp = mkdtempSync(join(tmpdir(), "decp-bench-"));
  const figures: Figure[] = [];
  try {
    if (options.size === "scale") figures.push(...(await benchScale(temp, 3)));
    else await benchAll(temp, SIZES[options.size], figures, (area) => options.only?.has(area) ?? true);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  if (options.json) process.stdout.write(JSON.stringify({ size: options.size, figures }, null, 2) + "\n");
  else process.stdout.write(renderTable(options.size, figures));
}

async function benchAll(
  temp: string,
  size: (typeof SIZES)["full"],
  figures: Figure[],
  wanted: (area: Area) => boolean,
): Promise<void> {
  if (wanted("tokenizers") || wanted("tally") || wanted("peer")) {
    progress(`generating ${size.notes} notes`);
    const notes = generateNotes(size.notes);
    const vaultRoot = join(temp, "vault");
    writeNotes(vaultRoot, notes.notes);
    if (wanted("tokenizers")) figures.push(...(await benchTokenizers(notes, size.reps)));
    if (wanted("tally")) figures.push(...(await benchTally(vaultRoot, notes, size.reps)));
    if (wanted("peer")) figures.push(...(await benchPeer(vaultRoot, size.reps)));
  }
  if (wanted("dbt") || wanted("cli")) {
    const dbt = join(temp, "dbt");
    const manifests = writeManifests(join(dbt, "manifest"), size.models);
    if (wanted("dbt")) figures.push(...(await benchDbt(dbt, manifests, size.reps, size.rss)));
    else await prepareVaults(dbt, manifests, size.rss);
    if (wanted("cli")) {
      figures.push(...(await benchCli(join(dbt, "vault"), size.models, size.reps)));
      if (size.rss !== size.models) figures.push(...(await benchCli(join(dbt, "rss"), size.rss, size.reps)));
    }
  }
  if (wanted("plugin")) figures.push(...(await benchPlugin(size.reps)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${String((error as Error).stack ?? error)}\n`);
  process.exit(1);
});
