// 3-4. dbt: a generated manifest imported into an FsVault (ratio to JSON.parse + writing the same
// files), a no-change re-import, peak RSS in a fresh process; selectors and a pack on that DAG.

import { promises as fs, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { buildPack, createTokenCounter, openPackSources } from "../../src/core/context";
import {
  analyseProjectColumns,
  columnImpact,
  importDbtProject,
  loadSqlParser,
  type ImportOptions,
  loadLineageFromVault,
  parseJsonText,
  readManifest,
  selectNodes,
  type LineageGraph,
} from "../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { runChild } from "./child-process";
import { check, collectGarbage, figure, median, progress, timeMedian, type Figure } from "./figures";

const settings = { ...DEFAULT_SETTINGS };

async function importOnce(
  manifestFile: string,
  root: string,
  options: ImportOptions = {},
): Promise<{ ms: number; written: number }> {
  collectGarbage();
  const start = performance.now();
  const text = await fs.readFile(manifestFile, "utf8");
  const report = await importDbtProject(
    new FsVault(root),
    settings,
    readManifest(parseJsonText(text, manifestFile), manifestFile),
    options,
  );
  return { ms: performance.now() - start, written: report.written };
}

/** The floor for any importer: read and parse the manifest, write the same files with the same bytes (one writeFileSync each). */
function baselineOnce(manifestFile: string, root: string, files: [string, string][]): number {
  collectGarbage();
  const start = performance.now();
  JSON.parse(readFileSync(manifestFile, "utf8"));
  const made = new Set<string>();
  for (const [path, text] of files) {
    const full = join(root, path);
    const dir = dirname(full);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(full, text, "utf8");
  }
  return performance.now() - start;
}

export async function benchDbt(dir: string, models: number, reps: number): Promise<Figure[]> {
  progress(`dbt: generating a ${models}-model project`);
  mkdirSync(dir, { recursive: true });
  const manifest = generateDbtProject({ models }).manifest;
  const manifestFile = join(dir, "manifest.json");
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const manifestMb = Buffer.byteLength(JSON.stringify(manifest)) / 1e6;

  progress("dbt: import vs JSON.parse + writing the same files (interleaved)");
  const first = await importOnce(manifestFile, join(dir, "warmup"));
  const vault = new FsVault(join(dir, "warmup"));
  const files: [string, string][] = [];
  for (const path of await vault.list()) files.push([path, await vault.read(path)]);
  const imports: number[] = [];
  const baselines: number[] = [];
  let written = first.written;
  for (let i = 0; i < reps; i++) {
    baselines.push(baselineOnce(manifestFile, join(dir, `baseline-${i}`), files));
    const run = await importOnce(manifestFile, join(dir, `import-${i}`));
    imports.push(run.ms);
    written = run.written;
  }
  const parses: number[] = [];
  for (let i = 0; i < reps; i++) {
    collectGarbage();
    const start = performance.now();
    JSON.parse(readFileSync(manifestFile, "utf8"));
    parses.push(performance.now() - start);
  }
  const importMs = median(imports);
  const baselineMs = median(baselines);

  // Column usage from compiled SQL is part of every import; measured alone and as what an import
  // without it would cost (same data, interleaved).
  progress("dbt: column analysis alone, and an import without it");
  await loadSqlParser();
  const parsedManifest = parseJsonText(readFileSync(manifestFile, "utf8"), manifestFile);
  const analyses: number[] = [];
  const withoutColumns: number[] = [];
  let analysed = 0;
  for (let i = 0; i < reps; i++) {
    const project = readManifest(parsedManifest, manifestFile);
    collectGarbage();
    const start = performance.now();
    await analyseProjectColumns(project);
    analyses.push(performance.now() - start);
    analysed = project.nodes.filter((d) => d.columnUsage?.known).length;
    withoutColumns.push((await importOnce(manifestFile, join(dir, `no-columns-${i}`), { columns: false })).ms);
  }

  progress("dbt: re-import with no change");
  const reimports: { ms: number; written: number }[] = [];
  for (let i = 0; i < reps; i++) reimports.push(await importOnce(manifestFile, join(dir, "warmup")));
  const reimportMs = median(reimports.map((r) => r.ms));
  const rewritten = Math.max(...reimports.map((r) => r.written));

  progress("dbt: peak RSS of an import in a fresh process");
  const child = runChild<{ peakRssMb: number; written: number }>(
    "child.cjs",
    ["import", manifestFile, join(dir, "rss")],
    ["--expose-gc"],
  );

  const selections = await benchSelection(vault, reps);
  selections.push(await benchImpact(vault, reps));
  return [
    figure("dbt_manifest", manifestMb, "MB", undefined, `${models} models with sources, seeds, snapshots and tests`),
    figure("dbt_notes_written", written, "notes"),
    figure("dbt_import", importMs, "ms"),
    figure(
      "dbt_import_baseline",
      baselineMs,
      "ms",
      undefined,
      "JSON.parse the manifest + writeFileSync the same files",
    ),
    figure("dbt_import_ratio", importMs / baselineMs, "x baseline", ["<=", 2.0]),
    figure("dbt_reimport_written", rewritten, "notes", ["==", 0]),
    figure("dbt_reimport_share", reimportMs / importMs, "x first import", ["<=", 0.25]),
    figure(
      "dbt_manifest_parse_share",
      median(parses) / importMs,
      "x first import",
      undefined,
      "reading + JSON.parse of the manifest alone: a floor every re-import pays",
    ),
    figure("dbt_import_peak_rss", child.peakRssMb, "MB", ["<=", 400]),
    figure(
      "dbt_column_analysis",
      median(analyses),
      "ms",
      undefined,
      `column usage of ${analysed} models from their compiled SQL (sqlparser-rs, WASM)`,
    ),
    figure("dbt_import_without_columns", median(withoutColumns), "ms", undefined, "the same import, analysis off"),
    figure("dbt_column_analysis_share", median(analyses) / importMs, "x first import"),
    check("dbt_import_child_wrote_all", child.written === written, `${child.written} of ${written}`),
    ...selections,
  ];
}

/** A model with at least 200 descendants (the closest to 300), or the one with the most. */
function focusModel(graph: LineageGraph): { id: string; descendants: number } {
  const memo = new Map<string, Set<string>>();
  const below = (id: string): Set<string> => {
    let found = memo.get(id);
    if (found) return found;
    found = new Set<string>();
    for (const child of graph.children.get(id) ?? []) {
      found.add(child);
      for (const d of below(child)) found.add(d);
    }
    memo.set(id, found);
    return found;
  };
  const models = [...graph.nodes.values()]
    .filter((n) => n.resourceType === "model")
    .map((n) => ({ id: n.uniqueId, descendants: below(n.uniqueId).size }));
  const big = models
    .filter((m) => m.descendants >= 200)
    .sort((a, b) => Math.abs(a.descendants - 300) - Math.abs(b.descendants - 300) || a.id.localeCompare(b.id));
  return big[0] ?? models.sort((a, b) => b.descendants - a.descendants || a.id.localeCompare(b.id))[0];
}

async function benchSelection(vault: FsVault, reps: number): Promise<Figure[]> {
  progress("dbt: selectors and a pack on the imported DAG");
  const graph = await loadLineageFromVault(vault, settings);
  const focus = focusModel(graph);
  const name = graph.nodes.get(focus.id)!.name;
  const time = (selector: string) => timeMedian(() => selectNodes(graph, selector), { reps: reps * 3, warmups: 2 });
  const intersection = "tag:marts,path:models/marts,config.materialized:table";
  const counts = [`@${name}`, `+${name}+`, intersection].map((s) => selectNodes(graph, s).length);

  const counter = await createTokenCounter(settings.encoding);
  const sources = await openPackSources(vault, settings, { counter });
  const request = { focus: name, budget: 5000 };
  const pack = await buildPack(sources, request);
  const packMs = await timeMedian(() => buildPack(sources, request), { reps: reps * 2, warmups: 1 });
  return [
    figure("select_focus_descendants", focus.descendants, "models", undefined, name),
    figure("select_at_model", await time(`@${name}`), "ms", ["<=", 20], `${counts[0]} nodes`),
    figure("select_plus_model_plus", await time(`+${name}+`), "ms", ["<=", 20], `${counts[1]} nodes`),
    figure("select_three_method_intersection", await time(intersection), "ms", ["<=", 20], `${counts[2]} nodes`),
    figure(
      "pack_5000_tokens_warm",
      packMs,
      "ms",
      ["<=", 50],
      `${pack.included.length} included, ${pack.excluded.length} excluded, ${pack.used} tokens`,
    ),
  ];
}

/** `decp impact` on the wide dimension's most read column, over the lineage read from the notes. */
async function benchImpact(vault: FsVault, reps: number): Promise<Figure> {
  const graph = await loadLineageFromVault(vault, settings);
  const impact = columnImpact(graph, "dim_customers.segment");
  const ms = await timeMedian(() => columnImpact(graph, "dim_customers.segment"), { reps: reps * 3, warmups: 2 });
  return figure(
    "impact_column_readers",
    ms,
    "ms",
    ["<=", 20],
    `dim_customers.segment: ${impact.direct.length} direct, ${impact.transitive.length} transitive of ${impact.downstream}`,
  );
}
