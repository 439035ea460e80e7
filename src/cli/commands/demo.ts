// `decp demo [dir]`: builds the demo vault (generated dbt project, templates, plugin, worked session).

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { Command } from "commander";
import { Settings } from "luxon";
import { UserError } from "../../core/errors";
import { buildDemo, DEMO_PROJECT_FOLDER } from "../../demo/build-demo";
import { assertDemoTarget, installDemo } from "../../demo/install-demo";
import type { PluginFiles } from "../../demo/obsidian-config";
import { printResult } from "../cli-context";
import { FsVault } from "../fs-vault";

export const DEFAULT_DEMO_DIR = "demo-vault";

/** The package root holds the built plugin (main.js, manifest.json, styles.css) next to dist/. */
async function readBuiltPlugin(): Promise<PluginFiles> {
  const root = nodePath.resolve(__dirname, "..");
  const read = (name: string) => fs.readFile(nodePath.join(root, name), "utf8").catch(() => undefined);
  const [mainJs, manifestJson, stylesCss] = await Promise.all([
    read("main.js"),
    read("manifest.json"),
    read("styles.css"),
  ]);
  if (mainJs === undefined || manifestJson === undefined) {
    throw new UserError(
      `The built plugin (main.js, manifest.json) is missing from ${root}`,
      { file: nodePath.join(root, "main.js") },
      "Run `npm run build` first",
    );
  }
  return { mainJs, manifestJson, stylesCss };
}

export function registerDemoCommands(program: Command): void {
  program
    .command("demo")
    .description("Build a demo vault: a 450-model dbt project, templates, the plugin and a worked copilot session")
    .argument("[dir]", "folder to build into (new, empty, or a previous demo)", DEFAULT_DEMO_DIR)
    .option("--json", "print one JSON document")
    .action(async (dir: string, options: { json?: boolean }) => {
      const started = Date.now();
      // The worked session runs on a fixed clock; a fixed zone makes its notes byte-identical on
      // every machine, not only run to run on one.
      Settings.defaultZone = "UTC";
      const root = nodePath.resolve(dir);
      const stat = await fs.stat(root).catch(() => null);
      if (stat && !stat.isDirectory())
        throw new UserError(`"${dir}" is a file, not a folder`, { file: dir }, "Pass a folder for the demo vault");
      const entries = stat ? await fs.readdir(root) : [];
      const target = new FsVault(root);
      await assertDemoTarget(target, entries, dir);
      const built = await buildDemo({ plugin: await readBuiltPlugin(), configDir: ".obsidian" });
      await fs.mkdir(root, { recursive: true });
      const result = await installDemo(target, built.vault);
      const seconds = (Date.now() - started) / 1000;
      const { report } = built;
      const loops = report.session.loops.map((l) => `    ${l.id} ${l.title}`);
      const human = [
        `Demo vault in ${root}: ${result.written.length} files written, ${result.unchanged.length} unchanged` +
          (result.kept.length ? `, ${result.kept.length} kept as you edited them` : "") +
          ` (${seconds.toFixed(1)} s).`,
        "",
        `  ${DEMO_PROJECT_FOLDER}/                 the dbt project "${report.project}" (SQL, YAML, target/manifest.json)`,
        `  ${built.settings.dbtFolder}/${report.project}/                    ${report.models} model notes and ${report.sources} sources with lineage`,
        `  ${built.settings.protocolFolder}/      BOOTLOADER, PROTOCOL_REFERENCE and the other protocol notes`,
        `  ${built.settings.loopsFolder}/         ${report.session.loops.length} loops from the worked session:`,
        ...loops,
        ...report.session.contextRecords.map((path) => `  ${path}`),
        `  ${report.session.handoff}          the handoff`,
        `  ${report.session.summary}`,
        `  ${report.session.prNarrative}`,
        `  ${report.refactor.index}  the worked refactor, with its second session the next morning`,
        "",
        "Open it in Obsidian: Open another vault > Open folder as vault, then pick the folder above.",
        "Obsidian asks whether to trust the folder's plugins: choose Trust author and enable plugins.",
        `Try the CLI on it: node dist/cli.js resume ${dir}`,
      ].join("\n");
      const json = {
        dir: root,
        files: report.files,
        project: report.project,
        models: report.models,
        sources: report.sources,
        loops: report.session.loops.map((l) => ({ id: l.id, title: l.title, path: l.path })),
        contextRecords: report.session.contextRecords,
        handoff: report.session.handoff,
        summary: report.session.summary,
        prNarrative: report.session.prNarrative,
        refactor: report.refactor,
        written: result.written.length,
        unchanged: result.unchanged.length,
        kept: result.kept,
        seconds,
      };
      printResult(options, human, json);
    });
}
