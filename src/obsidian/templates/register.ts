// Commands "Create note from template" and "Install templates into vault". Core decides names,
// folders, ids and what is safe to write; this file only asks, calls core and reports.

import { Notice, TFile, TFolder } from "obsidian";
import type DecpPlugin from "../../main";
import { systemClock } from "../../core/ports";
import {
  applyVaultLayout,
  createNoteFromTemplate,
  describeVaultLayout,
  inspectTemplate,
  listTemplates,
  planVaultLayout,
  type TemplateSource,
} from "../../core/templates";
import { guarded, reportError } from "../report-error";
import { NoteDetailsModal, pickTemplate, type NoteDetails } from "./template-modals";

export function registerTemplatesFeature(plugin: DecpPlugin): void {
  plugin.addCommand({
    id: "create-note-from-template",
    name: "Create note from template",
    callback: guarded(async () => {
      const templates = await listTemplates(plugin.vaultPort, plugin.settings);
      pickTemplate(plugin.app, templates, (template) => askAndCreate(plugin, template)).open();
    }),
  });

  plugin.addCommand({
    id: "install-templates",
    name: "Install templates into vault",
    callback: guarded(async () => {
      const layout = await planVaultLayout(plugin.vaultPort, plugin.settings);
      const result = await applyVaultLayout(
        plugin.vaultPort,
        layout,
        async (path) => plugin.app.vault.getAbstractFileByPath(path) instanceof TFolder,
      );
      new Notice(describeVaultLayout(result).join("\n"), 10000);
    }),
  });
}

function askAndCreate(plugin: DecpPlugin, template: TemplateSource): void {
  try {
    const info = inspectTemplate(template, plugin.settings, systemClock);
    const create = (details: NoteDetails): void => void createNote(plugin, template, details);
    if (!info.needsTitle && !info.needsModel) {
      create({});
      return;
    }
    new NoteDetailsModal(
      plugin.app,
      { title: info.needsTitle, model: info.needsModel, modelDefault: activeModelName(plugin) },
      create,
    ).open();
  } catch (error) {
    reportError(error);
  }
}

async function createNote(plugin: DecpPlugin, template: TemplateSource, details: NoteDetails): Promise<void> {
  try {
    const created = await createNoteFromTemplate(plugin.vaultPort, plugin.settings, template, {
      clock: systemClock,
      ...details,
    });
    const file = plugin.app.vault.getFileByPath(created.path);
    if (file) await plugin.app.workspace.getLeaf(false).openFile(file);
    if (created.unknown.length > 0)
      new Notice(`Created ${created.path}; left to fill in: ${created.unknown.join(", ")}`, 10000);
  } catch (error) {
    reportError(error);
  }
}

/** The open note's name when it is a dbt model note, so a new loop or task links it by default. */
function activeModelName(plugin: DecpPlugin): string | undefined {
  const file = plugin.app.workspace.getActiveFile();
  if (!(file instanceof TFile)) return undefined;
  const type: unknown = plugin.app.metadataCache.getFileCache(file)?.frontmatter?.type;
  return type === "model" ? file.basename : undefined;
}
