/** @jest-environment jsdom */
// Commands as users of the real app meet them: only offered where they make sense (checkCallback),
// editing the open note through the Editor (cursor kept), working while the metadata cache is still
// indexing, a folder picker that does not rescan the vault per keystroke, and forms that do not
// submit on the Enter that ends an IME composition.

import { openModals, type App, type FuzzySuggestModal, type MarkdownView } from "../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle, type LoadedPlugin } from "../fakes/obsidian-harness";

const ID = "de-copilot-patterns";
const LOOP_PATH = "Copilot/Loops/LOOP-001 Validate grain.md";
const LOOP =
  "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Validate grain\ncaptured: 2026-01-21T14:30:00Z\nmodels: []\n---\n## Context\nWhy it matters\n\n## Question\nOne row per order?\n\n## Outcome\n\n";
const MODEL_PATH = "dbt/acme/models/marts/fct_orders.md";
const MODEL = "---\ntype: model\nname: fct_orders\nunique_id: model.acme.fct_orders\n---\n# fct_orders\n";
const files = { [LOOP_PATH]: LOOP, [MODEL_PATH]: MODEL, "Notes/plain.md": "# Plain\n" };

async function openNote(app: App, path: string): Promise<void> {
  await app.workspace.setActiveFile(app.vault.getFileByPath(path));
}

let loaded: LoadedPlugin;
afterEach(async () => {
  for (const modal of [...openModals].reverse()) modal.close();
  await loaded?.unload();
});

test("context-only commands are offered only in their context", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  const offered = (id: string): boolean => app.commands.isAvailable(`${ID}:${id}`);
  const inContext = ["change-loop-status", "link-loop-to-model", "tally-current-note", "show-lineage"];
  const needPack = ["expand-context", "copy-context-pack", "save-context-decision-record"];
  expect([...inContext, ...needPack].filter(offered)).toEqual([]);
  await openNote(app, "Notes/plain.md");
  expect([...inContext, ...needPack].filter(offered)).toEqual(["tally-current-note"]);
  await openNote(app, LOOP_PATH);
  expect(inContext.filter(offered)).toEqual(["change-loop-status", "tally-current-note"]);
  await openNote(app, MODEL_PATH);
  expect(inContext.filter(offered)).toEqual(["link-loop-to-model", "tally-current-note", "show-lineage"]);
  // Commands that work anywhere stay offered everywhere.
  expect(offered("build-context-pack")).toBe(true);
  expect(offered("open-loops-inbox")).toBe(true);
});

test("changing the status of the open loop note edits it through the Editor: the cursor stays", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  await openNote(app, LOOP_PATH);
  const view = app.workspace.getActiveViewOfType((await import("../fakes/obsidian")).MarkdownView) as MarkdownView;
  view.editor.setCursor({ line: 9, ch: 3 });
  await loaded.run("change-loop-status");
  const picker = openModals.at(-1) as FuzzySuggestModal<string>;
  await picker.setQuery("Wait for answer");
  picker.chooseSuggestion(0);
  await settle(6);
  expect(await app.vault.read(app.vault.getFileByPath(LOOP_PATH)!)).toContain("status: clarifying");
  expect(view.editor.getValue()).toContain("status: clarifying");
  expect(view.editor.getCursor()).toEqual({ line: 9, ch: 3 });
});

test("while the vault is still indexing (no metadata cache yet), loop and model commands still work", async () => {
  jest.useFakeTimers();
  try {
    const app = createApp({ files, indexed: false });
    loaded = await loadBuiltPlugin(app);
    await openNote(app, LOOP_PATH);
    expect(app.metadataCache.getCache(LOOP_PATH)).toBeNull();
    await loaded.run("change-loop-status");
    expect(loaded.notices()).toEqual([]);
    expect((openModals.at(-1) as FuzzySuggestModal<string> | undefined)?.suggestions.map((s) => s.item)).toEqual([
      "clarifying",
      "closed",
    ]);
    openModals.at(-1)?.close();
    await openNote(app, MODEL_PATH);
    await loaded.run("link-loop-to-model");
    expect(loaded.notices()).toEqual([]);
    expect((openModals.at(-1) as FuzzySuggestModal<{ id: string }>).suggestions.map((s) => s.item.id)).toEqual([
      "LOOP-001",
    ]);
  } finally {
    jest.useRealTimers();
  }
});

test("the folder picker lists folders once, not on every keystroke", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  const loadedFiles = jest.spyOn(app.vault, "getAllLoadedFiles");
  const folders = jest.spyOn(app.vault, "getAllFolders");
  await loaded.run("tally-folder");
  const picker = openModals.at(-1) as FuzzySuggestModal<{ path: string }>;
  for (const query of ["d", "db", "dbt", "dbt/", "dbt/a"]) await picker.setQuery(query);
  expect(picker.suggestions.map((s) => s.item.path)).toContain("dbt/acme");
  expect(loadedFiles.mock.calls.length + folders.mock.calls.length).toBeLessThanOrEqual(1);
});

test("Enter that ends an IME composition does not submit a form; a plain Enter does", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  await loaded.run("build-context-pack");
  const form = openModals.at(-1)!;
  const input = form.contentEl.querySelector("input")!;
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true }));
  expect(form.opened).toBe(true);
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  expect(form.opened).toBe(false);
});
