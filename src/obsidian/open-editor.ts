// Edits to a note that is open in an editor go through the Editor, as the plugin guidelines ask:
// Vault.process on the open note makes the editor reload it, losing cursor, selection and folds.
// Only the span that changed is replaced, and the note is saved at once so readers see the edit.

import { MarkdownView, type App, type TFile } from "obsidian";

/** The editing view (Live Preview or source) that has `file` open, if any. */
export function openEditorOf(app: App, file: TFile): MarkdownView | null {
  let found: MarkdownView | null = null;
  app.workspace.iterateAllLeaves((leaf) => {
    const view = leaf.view;
    if (!found && view instanceof MarkdownView && view.file === file && view.getMode() === "source") found = view;
  });
  return found;
}

/** Applies `edit` to the editor's text in one synchronous step (atomic, as Vault.process is), then saves. */
export async function editInEditor(view: MarkdownView, edit: (current: string) => string): Promise<string> {
  const editor = view.editor;
  const current = editor.getValue();
  const next = edit(current);
  if (next === current) return next;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let end = 0;
  while (
    end < current.length - start &&
    end < next.length - start &&
    current[current.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  editor.replaceRange(
    next.slice(start, next.length - end),
    editor.offsetToPos(start),
    editor.offsetToPos(current.length - end),
  );
  await view.save();
  return next;
}
