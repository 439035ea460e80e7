// Opening a note the plugin listed (a loop, a pack member): through its TFile, which follows
// renames, never through link text, since openLinkText creates an empty note when the path is gone.

import { Keymap, Notice, TFile, type App } from "obsidian";

/** Opens `target` (a file found when the list was drawn, or a path); Ctrl/Cmd-click opens a new tab. */
export async function openListedFile(app: App, target: TFile | string, event?: MouseEvent): Promise<void> {
  const path = typeof target === "string" ? target : target.path;
  const file = app.vault.getFileByPath(path);
  if (!file || (target instanceof TFile && file !== target)) {
    new Notice(`"${path}" was moved or deleted`);
    return;
  }
  await app.workspace.getLeaf(Keymap.isModEvent(event)).openFile(file);
}
