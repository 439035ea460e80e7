// `--size scale`: the same work on 500, 5,000 and 20,000 models, reported as per-note growth
// factors: (ms per note at the larger size) / (ms per note at the smaller). 1.0 is linear; the
// target is <= 1.2 from 5,000 to 20,000. Import, re-import (column usage kept from the import), cold
// select and pack, and the column analysis of every model.

import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cliCall, cliCommands } from "./cli";
import { importFile } from "./dbt";
import { writeManifests } from "./manifests";
import { analyseProjectColumns, parseJsonText, readManifest } from "../../src/core/dbt";
import { collectGarbage, figure, median, progress, timed, type Figure } from "./figures";

const SIZES = [500, 5000, 20000];

type Timings = Record<string, number>;

async function measure(dir: string, models: number, reps: number): Promise<Timings> {
  const manifests = writeManifests(join(dir, `m-${models}`), models);
  progress(`scale: ${models} models`);
  const imports: number[] = [];
  for (let i = 0; i < reps; i++) {
    const root = join(dir, `import-${models}-${i}`);
    imports.push((await importFile(manifests.file, root)).ms);
    if (i > 0) rmSync(root, { recursive: true, force: true });
  }
  const vault = join(dir, `import-${models}-0`);
  const reimports: number[] = [];
  for (let i = 0; i < reps; i++)
    reimports.push((await importFile(i % 2 ? manifests.file : manifests.recompiled, vault)).ms);
  // Column usage of every model from its compiled SQL, nothing kept from before (its own figure in the full run).
  const analyses: number[] = [];
  for (let i = 0; i < reps; i++) {
    const project = readManifest(parseJsonText(readFileSync(manifests.file, "utf8"), manifests.file), manifests.file);
    collectGarbage();
    analyses.push(await timed(() => analyseProjectColumns(project)));
  }
  const commands = await cliCommands(vault);
  const cold = (args: string[]): number => {
    cliCall(vault, args)();
    return median(Array.from({ length: reps }, cliCall(vault, args)));
  };
  const timings = {
    import: median(imports),
    reimport: median(reimports),
    select: cold(commands.select),
    pack: cold(commands.pack),
    column_analysis: median(analyses),
  };
  rmSync(join(dir, `m-${models}`), { recursive: true, force: true });
  rmSync(vault, { recursive: true, force: true });
  return timings;
}

export async function benchScale(dir: string, reps: number): Promise<Figure[]> {
  const runs = new Map<number, Timings>();
  for (const models of SIZES) runs.set(models, await measure(dir, models, reps));
  const figures: Figure[] = [];
  for (const [name] of Object.entries(runs.get(SIZES[0])!)) {
    for (const models of SIZES) figures.push(figure(`scale_${name}_${models}`, runs.get(models)![name], "ms"));
    for (let i = 1; i < SIZES.length; i++) {
      const [small, big] = [SIZES[i - 1], SIZES[i]];
      const growth = runs.get(big)![name] / big / (runs.get(small)![name] / small);
      figures.push(
        figure(
          `scale_${name}_growth_${small}_${big}`,
          growth,
          "x per note",
          big === 20000 ? ["<=", 1.2] : undefined,
          `ms per note at ${big} / ms per note at ${small}`,
        ),
      );
    }
  }
  return figures;
}
