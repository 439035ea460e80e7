// Which kind of note is open, for commands that only make sense on one (a loop note, a model note).
// Obsidian asks a checkCallback synchronously, so this reads the metadata cache; while the vault is
// still being indexed (no cache yet) it goes by the folder such notes live in, and the command reads
// the note itself before acting.

import { TFile } from "obsidian";
import { isLineageResourceType } from "../core/dbt";
import { isInFolder } from "../core/vault";
import type DecpPlugin from "../main";

/** The open note when it is (or, before indexing, may be) a loop note or a dbt model note. */
export function activeNoteOf(plugin: DecpPlugin, kind: "loop" | "model"): TFile | null {
  const file = plugin.app.workspace.getActiveFile();
  if (!(file instanceof TFile) || file.extension !== "md") return null;
  const cache = plugin.app.metadataCache.getFileCache(file);
  if (cache) {
    const type: unknown = cache.frontmatter?.type;
    return (kind === "loop" ? type === "loop" : isLineageResourceType(type)) ? file : null;
  }
  return isInFolder(file.path, kind === "loop" ? plugin.settings.loopsFolder : plugin.settings.dbtFolder) ? file : null;
}
