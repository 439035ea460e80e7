// `decp import-dbt` and `decp select`: parse arguments, read the manifest or project folder, call
// the dbt core, print. The project folder is read through FsVault rooted at the dbt directory.

import { promises as fs } from "node:fs";
import type { Command } from "commander";
import {
  describeImport,
  importDbtProject,
  parseJsonText,
  readDbtProject,
  readManifest,
  readVaultLineage,
  selectNodes,
  type DbtProject,
  type ImportReport,
} from "../../core/dbt";
import { UserError } from "../../core/errors";
import { openCliVault, printResult } from "../cli-context";
import { FsVault } from "../fs-vault";
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
      const project = options.manifest
        ? await loadManifest(options.manifest)
        : await loadProjectFolder(options.project!);
      // Writing thousands of notes is the long part: one tick per note written.
      const progress = createProgress("Writing model notes", project.nodes.length, { json: options.json });
      const report = await importDbtProject(vault, settings, project, {
        allowRemovals: options.allowRemovals,
        onNoteWritten: (path) => progress.tick(1, path),
      }).finally(() => progress.done());
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
}

/** Parses and lets go of the text at once: only what notes need is kept from a big manifest. */
async function loadManifest(file: string): Promise<DbtProject> {
  let text: string | undefined = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new UserError(
      error.code === "ENOENT"
        ? `Manifest "${file}" does not exist`
        : `Manifest "${file}" cannot be read (${error.code ?? error.message})`,
      { file },
      "Run `dbt parse` or `dbt compile` and pass target/manifest.json",
    );
  });
  const data = parseJsonText(text, file);
  text = undefined;
  return readManifest(data, file);
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
