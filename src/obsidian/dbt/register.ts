// dbt commands in Obsidian: "Import dbt project", "Open model note", "Show lineage", "Select models".
// Core reads, plans and selects; this file picks where the manifest comes from, asks and shows.

import { Notice, TFile } from "obsidian";
import type DecpPlugin from "../../main";
import {
  describeImport,
  importDbtProject,
  MassRemovalError,
  loadLineageFromVault,
  nodeByNotePath,
  parseJsonText,
  readDbtProject,
  readManifest,
  type DbtProject,
  type ImportOptions,
  type LineageNode,
} from "../../core/dbt";
import { UserError } from "../../core/errors";
import { normalizeVaultPath } from "../../core/vault";
import { activeNoteOf } from "../active-note";
import { guarded, guardedWhen } from "../report-error";
import { desktopFs, desktopProjectFiles, readDesktopFile } from "./desktop-files";
import { LineageModal, pickModel, SelectModelsModal } from "./lineage-modals";
import { ConfirmRemovalsModal } from "./removal-modal";

// Above this many nodes the import shows a progress notice until it is done.
const BIG_PROJECT = 300;

export function registerDbtFeature(plugin: DecpPlugin): void {
  plugin.addCommand({
    id: "import-dbt-project",
    name: "Import dbt project",
    callback: guarded(() => importProject(plugin)),
  });

  plugin.addCommand({
    id: "open-model-note",
    name: "Open model note",
    callback: guarded(async () => {
      const graph = await loadLineageFromVault(plugin.vaultPort, plugin.settings);
      if (graph.nodes.size === 0) throw new UserError("No model notes yet", {}, 'Run "Import dbt project" first');
      pickModel(plugin.app, [...graph.nodes.values()], (node) => void openNode(plugin, node)).open();
    }),
  });

  plugin.addCommand({
    id: "show-lineage",
    name: "Show lineage",
    checkCallback: guardedWhen(
      () => activeNoteOf(plugin, "model") !== null,
      async () => {
        const file = plugin.app.workspace.getActiveFile();
        const graph = await loadLineageFromVault(plugin.vaultPort, plugin.settings);
        const node = file instanceof TFile ? nodeByNotePath(graph, file.path) : undefined;
        if (!node)
          throw new UserError(
            "The open note is not a dbt model note",
            {},
            'Open a model note ("Open model note"), then run this again',
          );
        new LineageModal(plugin.app, graph, node, (target) => void openNode(plugin, target)).open();
      },
    ),
  });

  plugin.addCommand({
    id: "select-models",
    name: "Select models",
    callback: guarded(async () => {
      const graph = await loadLineageFromVault(plugin.vaultPort, plugin.settings);
      new SelectModelsModal(plugin.app, graph, (node) => void openNode(plugin, node)).open();
    }),
  });
}

async function openNode(plugin: DecpPlugin, node: LineageNode): Promise<void> {
  const file = plugin.app.vault.getFileByPath(node.notePath);
  if (file) await plugin.app.workspace.getLeaf(false).openFile(file);
}

async function importProject(plugin: DecpPlugin, options: ImportOptions = {}): Promise<void> {
  const progress = new Notice("Reading the dbt project...", 0);
  try {
    const project = await loadProject(plugin);
    if (project.nodes.length > BIG_PROJECT) progress.setMessage(`Importing ${project.nodes.length} dbt nodes...`);
    const report = await importDbtProject(plugin.vaultPort, plugin.settings, project, options);
    progress.hide();
    new Notice(describeImport(report), 15000);
  } catch (error) {
    if (!(error instanceof MassRemovalError)) throw error;
    const confirmed = guarded(() => importProject(plugin, { allowRemovals: true }));
    new ConfirmRemovalsModal(plugin.app, error, () => void confirmed()).open();
  } finally {
    progress.hide();
  }
}

/**
 * The manifest setting may name a file inside the vault (works everywhere) or a path on disk
 * (desktop only); the project setting is a folder on disk (desktop only).
 */
async function loadProject(plugin: DecpPlugin): Promise<DbtProject> {
  const { dbtManifestPath, dbtProjectPath } = plugin.settings;
  if (dbtManifestPath.trim() !== "") {
    const inVault = vaultFile(plugin, dbtManifestPath);
    let text: string | undefined;
    if (inVault) text = await plugin.vaultPort.read(inVault);
    else {
      const fs = desktopFs();
      if (!fs)
        throw new UserError(
          `"${dbtManifestPath}" is not a file in this vault`,
          { file: dbtManifestPath },
          "On mobile, copy manifest.json into the vault and set its vault path in the settings",
        );
      text = await readDesktopFile(fs, dbtManifestPath);
    }
    const data = parseJsonText(text, dbtManifestPath);
    text = undefined;
    return readManifest(data, dbtManifestPath);
  }
  if (dbtProjectPath.trim() !== "") {
    const fs = desktopFs();
    if (!fs)
      throw new UserError(
        "Reading a dbt project folder needs the desktop app",
        {},
        "Set a manifest.json inside the vault in the settings instead",
      );
    return readDbtProject(desktopProjectFiles(fs, dbtProjectPath));
  }
  throw new UserError("No dbt manifest or project path is set", {}, "Set one in the plugin settings (dbt section)");
}

function vaultFile(plugin: DecpPlugin, path: string): string | null {
  try {
    const normalized = normalizeVaultPath(path);
    return plugin.app.vault.getFileByPath(normalized) ? normalized : null;
  } catch {
    return null;
  }
}
