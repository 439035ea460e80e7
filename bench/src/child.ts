// Work that must run in a fresh process: module load times (module caches hide them in-process)
// and peak RSS of an import. Prints one JSON line on stdout.

import { readFileSync } from "node:fs";
import { FsVault } from "../../src/cli/fs-vault";
import { importDbtProject, parseJsonText, readManifest } from "../../src/core/dbt";
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
    const project = readManifest(parseJsonText(readFileSync(manifestFile, "utf8"), manifestFile), manifestFile);
    const report = await importDbtProject(new FsVault(vaultRoot), DEFAULT_SETTINGS, project);
    print({ ms: performance.now() - start, written: report.written, peakRssMb: process.resourceUsage().maxRSS / 1024 });
  } else throw new Error(`unknown mode ${mode}`);
}

function print(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error) + "\n");
  process.exit(1);
});
