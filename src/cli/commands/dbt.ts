// `decp import-dbt`, `decp select` and `decp impact`: parse arguments, read the manifest or project folder, call
// the dbt core, print. The project folder is read through FsVault rooted at the dbt directory.

import { createHash } from "node:crypto";
import { promises as fs } from "node:fs";
import type { Command } from "commander";
import {
  columnImpact,
  describeImpact,
  describeImport,
  importDbtProject,
  readDbtProject,
  namedImpact,
  readVaultLineage,
  reimportSameProject,
  reimportUnchanged,
  scanManifest,
  selectNodes,
  type DbtProject,
  type ImportReport,
  type ScannedManifest,
} from "../../core/dbt";
import { UserError } from "../../core/errors";
import { openCliVault, printResult } from "../cli-context";
import { FsVault } from "../fs-vault";
import { ImportStateFile } from "../import-state-file";
import { createProgress } from "../progress";

interface ImportOptions {
  manifest?: string;
  project?: string;
  allowRemovals?: boolean;
  json?: boolean;
}

export function registerDbtCommands(program: Command): void {
  program
    .command("import-dbt <vault>")
    .description("Write one note per dbt model, source, seed and snapshot (re-import rewrites only what changed)")
    .option("--manifest <file>", "dbt's target/manifest.json (schema v6 to v12)")
    .option("--project <dir>", "a dbt project folder, read without a manifest")
    .option("--allow-removals", "mark notes removed even when that is more than half of them")
    .option("--json", "print one JSON document")
    .action(async (vaultPath: string, options: ImportOptions, command: Command) => {
      if (Boolean(options.manifest) === Boolean(options.project))
        command.error("error: pass exactly one of --manifest <file> or --project <dir>", { exitCode: 2 });
      const { vault, settings } = await openCliVault(vaultPath);
      const store = new ImportStateFile(vault.root);
      const run = async (
        project: DbtProject,
        manifestHash?: string,
        manifestDigest?: string,
      ): Promise<ImportReport> => {
        // Writing thousands of notes is the long part: one tick per note written.
        const progress = createProgress("Writing model notes", project.nodes.length, { json: options.json });
        return importDbtProject(vault, settings, project, {
          allowRemovals: options.allowRemovals,
          onNoteWritten: (path) => progress.tick(1, path),
          stateStore: store,
          manifestHash,
          manifestDigest,
        }).finally(() => progress.done());
      };
      let report: ImportReport;
      if (options.manifest) {
        let bytes: Buffer | undefined = await readManifestFile(options.manifest);
        // The same file as last time, and every note as that import left it: nothing to parse or write.
        const hash = createHash("sha256").update(bytes).digest("hex");
        const unchanged = await reimportUnchanged(vault, settings, store, hash);
        if (unchanged) report = unchanged;
        else {
          // A fresh compile of the same project (same digest): nothing to parse or write either.
          let scanned: ScannedManifest | undefined = scanManifest(bytes, options.manifest);
          bytes = undefined;
          const same = await reimportSameProject(vault, settings, store, scanned);
          if (same) report = same;
          else {
            // Read entry by entry; the manifest's bytes are let go once the project is read (peak memory).
            const { digest } = scanned;
            const project = scanned.project();
            scanned = undefined;
            report = await run(project, hash, digest);
          }
        }
      } else report = await run(await loadProjectFolder(options.project!));
      printResult(options, describeImport(report), importJson(report));
    });

  program
    .command("select <vault> <selector>")
    .description("List the dbt nodes a selector picks (dbt's node selection syntax), from the model notes")
    .option("--exclude <selector>", "nodes to leave out")
    .option("--json", "print one JSON document")
    .action(async (vaultPath: string, selector: string, options: { exclude?: string; json?: boolean }) => {
      const { vault, settings } = await openCliVault(vaultPath);
      const { graph } = await readVaultLineage(vault, settings);
      const nodes = selectNodes(graph, selector, options.exclude);
      const human =
        nodes.length === 0
          ? "No nodes selected."
          : nodes.map((id) => `${id}\t${graph.nodes.get(id)!.notePath}`).join("\n");
      printResult(options, human, { nodes });
    });

  program
    .command("impact <vault> <column>")
    .description(
      "List the models whose compiled SQL reads a column (model.column), directly and through columns computed from it",
    )
    .option("--json", "print one JSON document")
    .action(async (vaultPath: string, column: string, options: { json?: boolean }) => {
      const { vault, settings } = await openCliVault(vaultPath);
      const { graph } = await readVaultLineage(vault, settings);
      const impact = columnImpact(graph, column);
      const named = namedImpact(graph, impact);
      printResult(options, describeImpact(graph, impact), {
        column: named.column,
        direct: named.direct,
        transitive: named.transitive,
        unknown: named.unknown,
        downstream: named.downstream,
      });
    });
}

async function readManifestFile(file: string): Promise<Buffer> {
  return fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === "ENOENT"
        ? `Manifest "${file}" does not exist`
        : `Manifest "${file}" cannot be read (${error.code ?? error.message})`,
      { file },
      "Run `dbt parse` or `dbt compile` and pass target/manifest.json",
    );
  });
}

async function loadProjectFolder(dir: string): Promise<DbtProject> {
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory())
    throw new UserError(
      `dbt project folder "${dir}" does not exist`,
      { file: dir },
      "Pass the folder that holds dbt_project.yml",
    );
  return readDbtProject(new FsVault(dir));
}

function importJson(report: ImportReport): Record<string, unknown> {
  return {
    models: report.models,
    sources: report.sources,
    seeds: report.seeds,
    snapshots: report.snapshots,
    macros: report.macros,
    written: report.written,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    removed: report.removed,
    skipped: report.skipped,
    unresolved: report.unresolved,
    warnings: report.warnings,
    folder: report.folder,
  };
}
