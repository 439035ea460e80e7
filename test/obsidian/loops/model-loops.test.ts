/** @jest-environment jsdom */
// Loops on model notes, where the user looks: in reading view (below the note's first block, never
// in the hidden frontmatter section) and in Live Preview (an editor extension: post-processors do
// not run there). The model note itself is never edited.

import { MarkdownView, type App } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin } from "../../fakes/obsidian-harness";

const MODEL = [
  "---",
  "type: model",
  "unique_id: model.acme.fct_orders",
  "name: fct_orders",
  "upstream: []",
  "downstream: []",
  "---",
  "%% decp:begin %%",
  "# fct_orders",
  "",
  "> model · table · `models/marts/fct_orders.sql`",
  "",
  "One row per order.",
  "%% decp:end %%",
  "",
].join("\n");

const loop = (id: string, status: string, title: string, models: string[]): string =>
  `---\nid: ${id}\ntype: loop\nstatus: ${status}\ntitle: ${title}\ncaptured: 2026-01-21T14:30:00Z\nmodels: [${models
    .map((m) => `"[[${m}]]"`)
    .join(", ")}]\n---\n## Context\n\n## Question\nWhy?\n\n## Outcome\n\n`;

const files = {
  "dbt/acme/models/marts/fct_orders.md": MODEL,
  "dbt/acme/models/marts/dim_customers.md": MODEL.replace(/fct_orders/g, "dim_customers"),
  "Copilot/Loops/LOOP-001 Validate order grain.md": loop("LOOP-001", "open", "Validate order grain", ["fct_orders"]),
  "Copilot/Loops/LOOP-002 Old question.md": loop("LOOP-002", "closed", "Old question", ["fct_orders"]),
  "Copilot/Loops/LOOP-003 Customer keys.md": loop("LOOP-003", "open", "Customer keys", ["dim_customers"]),
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Lets indexing, debounced refreshes and rendering finish (fake time: no real sleep). */
const flush = (): Promise<void> => jest.advanceTimersByTimeAsync(2000);

async function openModel(app: App, state: Record<string, unknown>): Promise<MarkdownView> {
  const leaf = app.workspace.getLeaf(false);
  await leaf.openFile(app.vault.getFileByPath("dbt/acme/models/marts/fct_orders.md")!);
  await leaf.view.setState(state, { history: false });
  await flush();
  return leaf.view as MarkdownView;
}

function visiblePanel(root: HTMLElement): HTMLElement | null {
  const panel = root.querySelector<HTMLElement>(".decp-model-loops");
  return panel && !panel.closest("[hidden]") ? panel : null;
}

test("reading view shows the model's open loops below its first block, outside the hidden frontmatter", async () => {
  const app = createApp({ files });
  const loaded = await loadBuiltPlugin(app);
  const view = await openModel(app, { mode: "preview" });
  const panel = visiblePanel(view.previewMode.containerEl);
  expect(panel?.textContent).toContain("LOOP-001 Validate order grain");
  expect(panel?.textContent).not.toContain("Old question");
  expect(panel?.textContent).not.toContain("Customer keys");
  expect(panel?.closest(".el-h1")).not.toBeNull();
  expect(await app.vault.read(app.vault.getFileByPath("dbt/acme/models/marts/fct_orders.md")!)).toBe(MODEL);
  await loaded.unload();
});

test("Live Preview shows the same panel, and follows a loop that is closed", async () => {
  const app = createApp({ files });
  const loaded = await loadBuiltPlugin(app);
  const view = await openModel(app, { mode: "source", source: false });
  const panel = visiblePanel(view.contentEl);
  expect(panel?.textContent).toContain("LOOP-001 Validate order grain");
  const note = app.vault.getFileByPath("Copilot/Loops/LOOP-001 Validate order grain.md")!;
  await app.vault.process(note, (text) => text.replace("status: open", "status: closed"));
  await flush();
  expect(visiblePanel(view.contentEl)?.textContent ?? "").not.toContain("Validate order grain");
  await loaded.unload();
});
