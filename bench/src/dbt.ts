// 3-4. dbt: a generated manifest imported into an FsVault, each part against its floor in the same
// run: the import's CPU (normalise and plan) against parsing the manifest, its writes against the
// same bytes written atomically, a no-change re-import after a fresh `dbt compile` against reading
// the manifest and stating every note, a byte-identical re-import against hashing the file and
// stating every note; peak RSS in a fresh process; selectors, a pack and a column impact query on the
// imported DAG. Column usage from compiled SQL is measured alone (dbt_column_analysis, against the bare
// SQL parser over the same models), apart from the import's CPU; re-imports reuse it for models whose
// SQL and parents' columns did not change.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { ImportStateFile } from "../../src/cli/import-state-file";
import { buildPack, createTokenCounter, openPackSources } from "../../src/core/context";
import {
  analyseProjectColumns,
  columnImpact,
  dialectForAdapter,
  importDbtProject,
  loadLineageFromVault,
  loadSqlParser,
  parseJsonText,
  planImport,
  readManifest,
  reimportSameProject,
  reimportUnchanged,
  resolveColumnRef,
  scanManifest,
  selectNodes,
  type DbtProject,
  type LineageGraph,
} from "../../src/core/dbt";
import { applyPlan, type WritePlan } from "../../src/core/write-plan";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { runChild } from "./child-process";
import { writeManifests, type Manifests } from "./manifests";
import { check, collectGarbage, figure, paired, progress, ratio, timed, timeMedian, type Figure } from "./figures";

const settings = { ...DEFAULT_SETTINGS };

/**
 * An import as `decp import-dbt --manifest` runs it: read and hash the file; when it is the one the
 * last import read and every note is as that import left it, stop; else scan it, and when its digest
 * is the last import's (a fresh compile of the same project) and every note is unchanged, stop; else
 * read the project entry by entry, normalise, plan (skipping notes the import state vouches for),
 * apply, save the state.
 */
export async function importFile(manifestFile: string, root: string): Promise<{ ms: number; written: number }> {
  const start = performance.now();
  const vault = new FsVault(root);
  const store = new ImportStateFile(root);
  const bytes = readFileSync(manifestFile);
  const hash = createHash("sha256").update(bytes).digest("hex");
  const identical = await reimportUnchanged(vault, settings, store, hash);
  const scanned = identical ? undefined : scanManifest(bytes, manifestFile);
  const report =
    identical ??
    (await reimportSameProject(vault, settings, store, scanned!)) ??
    (await importDbtProject(vault, settings, scanned!.project(), {
      stateStore: store,
      manifestHash: hash,
      manifestDigest: scanned!.digest,
    }));
  return { ms: performance.now() - start, written: report.written };
}

/** Every note path under the vault's dbt folder, as the importer lists them. */
export async function notePaths(root: string): Promise<string[]> {
  return (await new FsVault(root).list(settings.dbtFolder)).map((p) => join(root, p));
}

/** The atomic-write floor: each file written to a temp file beside it and renamed over, folders made once. */
function writeAtomically(root: string, files: { path: string; content: string }[]): number {
  return timedSync(() => {
    const made = new Set<string>();
    for (const { path, content } of files) {
      const full = join(root, path);
      const dir = dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(`${full}.tmp`, content, "utf8");
      renameSync(`${full}.tmp`, full);
    }
  });
}

function timedSync(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

export async function benchDbt(dir: string, manifests: Manifests, reps: number, rssModels: number): Promise<Figure[]> {
  const { file, recompiled, models, mb } = manifests;
  const text = readFileSync(file, "utf8");

  // The import's CPU without the column analysis, which has a figure of its own (dbt_column_analysis):
  // each run analyses its project untimed, so planImport finds every model's usage already there.
  progress("dbt: import CPU (readManifest + planImport, column analysis apart) vs JSON.parse of the manifest");
  const empty = new FsVault(join(dir, "empty"));
  await loadSqlParser();
  // Each timed part starts after a GC, as the floor does (paired collects before each run): the
  // untimed parse and analysis leave garbage that is not the import's.
  const analysedProject = async () => {
    const data = parseJsonText(text, file);
    collectGarbage();
    const start = performance.now();
    const project = readManifest(data, file);
    const readMs = performance.now() - start;
    await analyseProjectColumns(project);
    collectGarbage();
    return { project, readMs };
  };
  // state null: a first import with a state store (the CLI's), so fingerprints are taken too. A new
  // note's text is rendered when it is written (planCreate): every text is rendered here, in the timed
  // part, and the writes below apply those texts.
  const planAndRender = async (project: DbtProject): Promise<WritePlan> => {
    const { plan } = await planImport(empty, settings, project, { state: null });
    return {
      ...plan,
      writes: plan.writes.map(({ path, reason, expected, content }) => ({ path, reason, expected, content })),
    };
  };
  let plan = await planAndRender((await analysedProject()).project);
  const cpu = await paired(
    async () => {
      const { project, readMs } = await analysedProject();
      return readMs + (await timed(async () => (plan = await planAndRender(project))));
    },
    () => timed(() => parseJsonText(text, file)),
    reps,
  );

  // Column analysis against its own floor: the bare parser over every model's compiled SQL, the least
  // any column analysis must do (the WASM parse that returns the tree the analysis walks). The project
  // is read before a GC, so the analysis does not pay for the manifest's garbage.
  progress("dbt: column analysis of the compiled SQL vs the bare parser over the same SQL");
  const parser = await loadSqlParser();
  const sample = readManifest(parseJsonText(text, file), file);
  const dialect = dialectForAdapter(sample.adapter);
  const compiled = sample.nodes.flatMap((d) => (d.sql?.compiled ? [d.sql.compiled] : []));
  let analysed = 0;
  const analysis = await paired(
    async () => {
      const project = readManifest(parseJsonText(text, file), file);
      collectGarbage();
      return timed(async () => {
        await analyseProjectColumns(project, parser);
        analysed = project.nodes.filter((d) => d.columnUsage?.known).length;
      });
    },
    () => timed(() => compiled.forEach((sql) => parser.parse(sql, dialect))),
    // Twice the pairs: each run is seconds long and load moves single pairs from 1.1x to 2.5x.
    reps * 2 - 1,
  );

  progress("dbt: import writes (apply the plan) vs writing the same bytes atomically");
  let round = 0;
  const writes = await paired(
    async () => {
      const root = join(dir, `apply-${round}`);
      const ms = await timed(() => applyPlan(new FsVault(root), plan));
      rmSync(root, { recursive: true, force: true });
      return ms;
    },
    () => {
      const root = join(dir, `floor-${round++}`);
      const ms = writeAtomically(root, plan.writes);
      rmSync(root, { recursive: true, force: true });
      return ms;
    },
    reps,
  );

  progress("dbt: first import end to end");
  const vaultRoot = join(dir, "vault");
  const first = await importFile(file, vaultRoot);
  const firstMs = await timeMedian(
    async () => {
      await importFile(file, join(dir, "again"));
      rmSync(join(dir, "again"), { recursive: true, force: true });
    },
    { reps: Math.min(reps, 3), warmups: 0 },
  );

  progress("dbt: re-import after a fresh dbt compile (new generated_at) vs read + parse + stat every note");
  const notes = await notePaths(vaultRoot);
  const statNotes = () => notes.forEach((p) => statSync(p));
  // Alternating two manifests that differ only in generated_at / invocation_id: every run is a
  // fresh compile of an unchanged project, never a byte-identical file.
  let flip = 0;
  const rewritten: number[] = [];
  const reimport = await paired(
    async () => {
      const run = await importFile(flip++ % 2 ? file : recompiled, vaultRoot);
      rewritten.push(run.written);
      return run.ms;
    },
    () =>
      timed(() => {
        parseJsonText(readFileSync(file, "utf8"), file);
        statNotes();
      }),
    reps,
  );

  progress("dbt: byte-identical re-import vs hashing the file + stat every note");
  const identical = await paired(
    async () => {
      await importFile(file, vaultRoot);
      const run = await importFile(file, vaultRoot);
      rewritten.push(run.written);
      return run.ms;
    },
    () =>
      timed(() => {
        createHash("sha256").update(readFileSync(file)).digest("hex");
        statNotes();
      }),
    reps,
  );

  progress(`dbt: peak RSS of a ${rssModels}-model import in a fresh process`);
  const big = rssModels === models ? manifests : writeManifests(join(dir, "rss-manifest"), rssModels);
  const child = runChild<{ peakRssMb: number; written: number; notes: number }>(
    "child.cjs",
    ["import", big.file, join(dir, "rss")],
    ["--expose-gc"],
  );

  const selections = await benchSelection(new FsVault(vaultRoot), reps);
  return [
    figure("dbt_manifest", mb, "MB", undefined, `${models} models with sources, seeds, snapshots and tests`),
    figure("dbt_notes_written", first.written, "notes"),
    figure("dbt_import", firstMs, "ms", undefined, "read, parse, normalise, plan and write every note"),
    ratio(
      "dbt_import_cpu",
      cpu,
      "JSON.parse of the manifest text",
      2.0,
      "readManifest + planImport (normalise, fingerprint, render, plan); column analysis apart (dbt_column_analysis)",
    ),
    ratio(
      "dbt_column_analysis",
      analysis,
      "the bare parser (sqlparser-rs, WASM) over every model's compiled SQL",
      2.0,
      `column usage of ${analysed} of ${compiled.length} models: ${(analysis.ms / Math.max(analysed, 1)).toFixed(2)} ms a model`,
    ),
    ratio("dbt_import_writes", writes, "the same bytes written to a temp file and renamed", 1.3, "applyPlan"),
    check(
      "dbt_reimport_written",
      rewritten.every((n) => n === 0),
      `${Math.max(...rewritten)} notes written at most`,
    ),
    ratio("dbt_reimport", reimport, "read + JSON.parse the manifest, stat every note", 2.0, "no change, fresh compile"),
    ratio("dbt_reimport_identical", identical, "sha256 of the manifest file, stat every note", 1.2, "byte-identical"),
    figure("dbt_import_peak_rss", child.peakRssMb, "MB", ["<=", 400], `${rssModels} models, ${child.written} notes`),
    check("dbt_import_child_wrote_all", child.written === child.notes, `${child.written} of ${child.notes}`),
    ...selections,
  ];
}

/** The vaults benchDbt leaves for the cold CLI calls (`vault`, and `rss` when bigger), imported unmeasured. */
export async function prepareVaults(dir: string, manifests: Manifests, rssModels: number): Promise<void> {
  progress("dbt: importing the projects the CLI calls read (not measured)");
  await importFile(manifests.file, join(dir, "vault"));
  if (rssModels !== manifests.models)
    await importFile(writeManifests(join(dir, "rss-manifest"), rssModels).file, join(dir, "rss"));
}

/** A model with at least 200 descendants (the closest to 300), or the one with the most. */
export function focusModel(graph: LineageGraph): { id: string; name: string; descendants: number } {
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
    .map((n) => ({ id: n.uniqueId, name: n.name, descendants: below(n.uniqueId).size }));
  const big = models
    .filter((m) => m.descendants >= 200)
    .sort((a, b) => Math.abs(a.descendants - 300) - Math.abs(b.descendants - 300) || a.id.localeCompare(b.id));
  return big[0] ?? models.sort((a, b) => b.descendants - a.descendants || a.id.localeCompare(b.id))[0];
}

/** The floor of a graph selector: a plain walk over the adjacency maps from every start at once. */
function walk(graph: LineageGraph, starts: string[], up: boolean, down: boolean): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    const id = queue.pop()!;
    for (const next of [...(up ? graph.parents.get(id)! : []), ...(down ? graph.children.get(id)! : [])])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return seen;
}

async function benchSelection(vault: FsVault, reps: number): Promise<Figure[]> {
  progress("dbt: selectors and a pack on the imported DAG");
  const graph = await loadLineageFromVault(vault, settings);
  const focus = focusModel(graph);
  const name = focus.name;
  const id = focus.id;
  const many = reps * 3;
  const select = (selector: string) => () => timed(() => selectNodes(graph, selector));
  const intersection = "tag:marts,path:models/marts,config.materialized:table";
  const counts = [`@${name}`, `+${name}+`, intersection].map((s) => selectNodes(graph, s).length);
  const at = await paired(
    select(`@${name}`),
    () =>
      timed(() => {
        const below = walk(graph, [id], false, true);
        walk(graph, [...below], true, false);
      }),
    many,
    2,
  );
  const both = await paired(
    select(`+${name}+`),
    () => timed(() => new Set([...walk(graph, [id], true, false), ...walk(graph, [id], false, true)])),
    many,
    2,
  );
  const scan = await paired(
    select(intersection),
    () =>
      timed(() =>
        [...graph.nodes.values()].filter(
          (n) => n.tags.includes("marts") && n.path.startsWith("models/marts") && n.config.materialized === "table",
        ),
      ),
    many,
    2,
  );

  const counter = await createTokenCounter(settings.encoding);
  const sources = await openPackSources(vault, settings, { counter });
  const request = { focus: name, budget: 5000 };
  const pack = await buildPack(sources, request);
  // A pack's rings reach every ancestor and descendant of the focus (each counted, the nearest packed).
  const packed = await paired(() => timed(() => buildPack(sources, request)), select(`+${name}+`), reps * 2, 1);
  // decp impact on the wide dimension's most read column, against walking everything downstream of it.
  const impact = columnImpact(graph, "dim_customers.segment");
  const dimensionId = resolveColumnRef(graph, "dim_customers.segment").node.uniqueId;
  const impacted = await paired(
    () => timed(() => columnImpact(graph, "dim_customers.segment")),
    () => timed(() => walk(graph, [dimensionId], false, true)),
    many,
    2,
  );
  return [
    figure("select_focus_descendants", focus.descendants, "models", undefined, name),
    ratio("select_at_model", at, "walk down, then up from all descendants at once", 3, `${counts[0]} nodes`),
    ratio("select_plus_model_plus", both, "walk up and down from the model", 3, `${counts[1]} nodes`),
    ratio("select_three_method_intersection", scan, "one filter over every node", 3, `${counts[2]} nodes`),
    ratio(
      "pack_5000_tokens_warm",
      packed,
      "the selector +model+ alone (the notes a pack's rings reach)",
      null,
      `${pack.included.length} included, ${pack.excluded.length} excluded, ${pack.used} tokens`,
    ),
    ratio(
      "impact_column_readers",
      impacted,
      "walk down from the model",
      10,
      `dim_customers.segment: ${impact.direct.length} direct, ${impact.transitive.length} transitive of ${impact.downstream}`,
    ),
  ];
}
