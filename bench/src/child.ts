// Work that must run in a fresh process: module load times (module caches hide them in-process),
// peak RSS of an import, the floor of a cold CLI call. Prints one JSON line on stdout (cli-floor
// prints nothing: its wall time is the figure).

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { ImportStateFile } from "../../src/cli/import-state-file";
import { importDbtProject, scanManifest, type DbtProject } from "../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../src/core/settings";

// Resolved at run time from node_modules (not bundled), so each library pays its real load cost.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain runtime require is the thing measured
const load = (id: string): unknown => require(id);

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === "load-gpt-tokenizer") {
    const start = performance.now();
    const { countTokens } = load("gpt-tokenizer/encoding/o200k_base") as { countTokens: (t: string) => number };
    countTokens("select 1");
    print({ ms: performance.now() - start });
  } else if (mode === "load-js-tiktoken") {
    const start = performance.now();
    const { getEncoding } = load("js-tiktoken") as { getEncoding: (e: string) => { encode: (t: string) => number[] } };
    getEncoding("o200k_base").encode("select 1");
    print({ ms: performance.now() - start });
  } else if (mode === "import") {
    const [manifestFile, vaultRoot] = args;
    const start = performance.now();
    const { project, manifestHash, manifestDigest } = readAsTheCliDoes(manifestFile);
    const notes = project.nodes.length;
    // As the CLI imports: with its import state, so the next import can skip what did not change.
    const report = await importDbtProject(new FsVault(vaultRoot), DEFAULT_SETTINGS, project, {
      stateStore: new ImportStateFile(vaultRoot),
      manifestHash,
      manifestDigest,
    });
    print({
      ms: performance.now() - start,
      written: report.written,
      notes,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    });
  } else if (mode === "cli-floor") {
    // The floor of a cold CLI call: load the CLI bundle as `decp` does, then stat every note.
    const [cli, vaultRoot] = args;
    load(cli);
    statTree(vaultRoot);
  } else throw new Error(`unknown mode ${mode}`);
}

/** As `decp import-dbt --manifest` reads: the file's bytes hashed, scanned, read entry by entry and let go. */
function readAsTheCliDoes(file: string): { project: DbtProject; manifestHash: string; manifestDigest?: string } {
  let bytes: Buffer | undefined = readFileSync(file);
  const manifestHash = createHash("sha256").update(bytes).digest("hex");
  const scanned = scanManifest(bytes, file);
  bytes = undefined;
  return { project: scanned.project(), manifestHash, manifestDigest: scanned.digest };
}

function statTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) statTree(full);
    else statSync(full);
  }
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error) + "\n");
  process.exit(1);
});
