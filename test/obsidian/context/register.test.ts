/** @jest-environment jsdom */
// Token budgets in Obsidian, driven through the built main.js in the fake: tally commands and menus,
// the token budget view, the status bar, packs with include/exclude reasons, copy and save.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEncoding } from "js-tiktoken";
import { FsVault } from "../../../src/cli/fs-vault";
import { buildPack, openPackSources, renderPackMarkdown } from "../../../src/core/context";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import {
  allSettings,
  clipboard,
  closeAllModals,
  findSetting,
  Menu,
  openModals,
  type ButtonComponent,
  type Modal,
  type TextComponent,
} from "../../fakes/obsidian";
import { createApp, hiddenFile, loadBuiltPlugin, settle, type LoadedPlugin } from "../../fakes/obsidian-harness";
import type { App } from "../../fakes/obsidian";
import { dbtFixturePath } from "../../fixtures/paths";

const oracle = getEncoding("o200k_base");
const files: Record<string, string> = {
  "Projects/Migration plan.md":
    "# Migration plan\n\nWe move the warehouse. See [[Risks]] and [[Timeline]].\n\n%% teaching: keep plans short %%\n",
  "Projects/Risks.md": "# Risks\n\n- Data loss; see [Timeline](Timeline.md)\n- Back to [[Migration plan]] #risk\n",
  "Projects/Timeline.md": '---\nrelated: "[[Glossary]]"\n---\n# Timeline\n\nQ1: copy. Q2: switch. 日本語 👩🏽‍💻\n',
  "Glossary.md": "# Glossary\n\nWarehouse: where the data lives. #risk\n",
  "diagram.png": "not text",
};
const tokens = (path: string) => oracle.encode(files[path], [], []).length;

async function fill(fields: Record<string, string>): Promise<void> {
  const form = openModals.at(-1) as Modal;
  for (const [name, value] of Object.entries(fields))
    await (findSetting(form.contentEl, name).components[0] as TextComponent).input(value);
  await (allSettings(form.contentEl).at(-1)!.components[0] as ButtonComponent).click();
  await settle(10);
}

function view(app: App): HTMLElement {
  const leaf = app.workspace.getLeavesOfType("decp-token-budget")[0];
  expect(leaf).toBeDefined();
  return (leaf.view as unknown as { contentEl: HTMLElement }).contentEl;
}

let loaded: LoadedPlugin;
afterEach(async () => {
  closeAllModals();
  await loaded?.unload();
});

test("Tally tokens of current note: exact count in a Notice and in the token budget view", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  await app.workspace.setActiveFile(app.vault.getFileByPath("Projects/Timeline.md"));
  await loaded.run("tally-current-note");
  await settle(10);
  const n = tokens("Projects/Timeline.md");
  expect(loaded.notices().at(-1)).toBe(
    `${n} tokens in 1 file (${Math.round((n / 5000) * 100)} % of the 5,000 budget; comfortable in a 200,000-token window; o200k_base): Projects/Timeline.md`,
  );
  const row = view(app).querySelector('.decp-budget-row[data-path="Projects/Timeline.md"]')!;
  expect(row.querySelector(".decp-budget-tokens")?.textContent).toBe(String(n));
  // Bars are the plugin's own (fill, phase, the row's), never the native progress element themes restyle.
  expect(view(app).querySelectorAll("progress")).toHaveLength(0);
  expect(view(app).querySelectorAll(".decp-bar-fill")).toHaveLength(3);
});

test("file-menu and files-menu items tally a folder and several files; images are skipped with the reason", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  const menu = new Menu();
  app.workspace.trigger("file-menu", menu, app.vault.getFolderByPath("Projects"), "file-explorer");
  await menu.items.find((i) => i.title === "Tally tokens")!.click();
  await settle(10);
  const folderTotal =
    tokens("Projects/Migration plan.md") + tokens("Projects/Risks.md") + tokens("Projects/Timeline.md");
  expect(loaded.notices().at(-1)).toBe(
    `${folderTotal} tokens in 3 files (${Math.round((folderTotal / 5000) * 100)} % of the 5,000 budget; comfortable in a 200,000-token window; o200k_base): Projects`,
  );

  const many = new Menu();
  app.workspace.trigger(
    "files-menu",
    many,
    [app.vault.getFileByPath("Glossary.md"), app.vault.getFileByPath("diagram.png")],
    "file-explorer",
  );
  await many.items.find((i) => i.title === "Tally tokens")!.click();
  await settle(10);
  expect(loaded.notices().at(-1)).toContain(`${tokens("Glossary.md")} tokens in 1 file`);
  expect(loaded.notices().at(-1)).toContain("1 skipped");
  expect(view(app).textContent).toContain("Skipped diagram.png: image");
});

test("Tally tokens of tag… counts frontmatter and body tags", async () => {
  const app = createApp({ files });
  loaded = await loadBuiltPlugin(app);
  await loaded.run("tally-tag");
  await fill({ Tag: "#risk" });
  expect(loaded.notices().at(-1)).toBe(
    `${tokens("Glossary.md") + tokens("Projects/Risks.md")} tokens in 2 files (1 % of the 5,000 budget; comfortable in a 200,000-token window; o200k_base): tag #risk`,
  );
});

describe("context packs", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-obsidian-pack-"));
    clipboard.clear();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("Build, copy (byte-equal to the core bundle), exclude with a reason, expand and save the record", async () => {
    const app = createApp({ files });
    loaded = await loadBuiltPlugin(app);
    await app.workspace.setActiveFile(app.vault.getFileByPath("Projects/Migration plan.md"));
    await loaded.run("build-context-pack");
    await fill({ Budget: "1000" });
    expect(loaded.notices().at(-1)).toMatch(/^Context pack: \d+ of 1,000 tokens, 3 included, 1 excluded$/);

    await loaded.run("copy-context-pack");
    const fsVault = new FsVault(root);
    for (const [path, text] of Object.entries(files)) await fsVault.write(path, text);
    const expected = renderPackMarkdown(
      await buildPack(await openPackSources(fsVault, DEFAULT_SETTINGS), { focus: "Migration plan", budget: 1000 }),
    );
    expect(clipboard.text).toBe(expected);

    // Exclude Risks from the view, giving a reason: the pack is rebuilt and says why.
    const row = view(app).querySelector('.decp-budget-row[data-path="Projects/Risks.md"]')!;
    row.querySelector<HTMLInputElement>("input.decp-budget-toggle")!.click();
    await fill({ Reason: "not touched in this task" });
    expect(view(app).textContent).toContain("excluded by you: not touched in this task: 1 note");
    // The reason is said once, where the note is listed.
    expect(view(app).textContent?.split("not touched in this task")).toHaveLength(2);

    await loaded.run("expand-context");
    await fill({ Budget: "2000" });
    expect(loaded.notices().at(-1)).toMatch(/^Expanded to depth 2: \d+ of 2,000 tokens$/);

    await loaded.run("save-context-decision-record");
    const saved = loaded.notices().at(-1)!.replace("Saved the context decision record ", "");
    const record = await app.vault.read(app.vault.getFileByPath(saved)!);
    expect(record).toContain("type: context");
    expect(record).toContain("| [[Risks]] | excluded by you: not touched in this task |");
    expect(record).toContain("- Expanded at depth 2 with a 2,000-token budget");
    expect(record).toContain("<context_loaded>");
  });

  test("without a pack, copy, expand and save are not offered in the palette", async () => {
    const app = createApp({ files });
    loaded = await loadBuiltPlugin(app);
    for (const id of ["copy-context-pack", "expand-context", "save-context-decision-record"]) {
      expect(app.commands.isAvailable(`${loaded.manifest.id}:${id}`)).toBe(false);
      expect(await loaded.run(id)).toBe(false);
    }
    expect(loaded.notices()).toEqual([]);
  });

  test("a focus that does not exist is reported by name", async () => {
    const app = createApp({ files });
    loaded = await loadBuiltPlugin(app);
    await loaded.run("build-context-pack");
    await fill({ Focus: "Nowhere", Budget: "1000" });
    expect(loaded.notices().at(-1)).toBe(
      'No note or model named "Nowhere". Give a vault path, a note name or a dbt model name',
    );
  });
});

test("the status bar counts the active note once asked (a click), then follows its edits; the cache goes to .decp", async () => {
  jest.useFakeTimers();
  try {
    const app = createApp({ files });
    loaded = await loadBuiltPlugin(app);
    const status = app.statusBarEl.querySelector<HTMLElement>(".decp-token-status")!;
    await app.workspace.setActiveFile(app.vault.getFileByPath("Glossary.md"));
    await jest.advanceTimersByTimeAsync(1000);
    expect(status.textContent).toBe("Count tokens");
    status.click();
    await jest.advanceTimersByTimeAsync(1000);
    expect(status.textContent).toBe(`${tokens("Glossary.md")} tokens`);
    await app.vault.modify(app.vault.getFileByPath("Glossary.md")!, "# Glossary\n\nShorter.\n");
    await jest.advanceTimersByTimeAsync(1000);
    expect(status.textContent).toBe(`${oracle.encode("# Glossary\n\nShorter.\n").length} tokens`);
    await loaded.unload();
    expect(loaded.savedData()).toBeUndefined();
    const cache = JSON.parse(hiddenFile(app, ".decp/cache/tokens-o200k_base.json")!) as {
      entries: Record<string, [string, number]>;
    };
    expect(cache.entries["Glossary.md"][1]).toBe(oracle.encode("# Glossary\n\nShorter.\n").length);
    loaded = undefined as unknown as LoadedPlugin;
  } finally {
    jest.useRealTimers();
  }
});

test("Tally tokens of linked notes… and of dbt selection… resolve in core, over the same notes", async () => {
  const { importDbtProject, readManifest } = await import("../../../src/core/dbt");
  const { readFileSync } = await import("node:fs");
  const root = mkdtempSync(join(tmpdir(), "decp-obsidian-dbt-"));
  const fsVault = new FsVault(root);
  await importDbtProject(
    fsVault,
    DEFAULT_SETTINGS,
    readManifest(
      JSON.parse(readFileSync(dbtFixturePath("jaffle_shop_v12_dbt1.8.json"), "utf8")) as Record<string, unknown>,
    ),
  );
  const models: Record<string, string> = {};
  for (const path of await fsVault.list("dbt/jaffle_shop/models")) models[path] = await fsVault.read(path);
  rmSync(root, { recursive: true, force: true });

  const app = createApp({ files: { ...files, ...models } });
  loaded = await loadBuiltPlugin(app);
  await loaded.run("tally-dbt-selection");
  await fill({ Selector: "+orders" });
  expect(loaded.notices().at(-1)).toMatch(/tokens in 3 files .*: dbt \+orders$/);
  const expected = ["orders", "stg_orders", "stg_payments"].map(
    (n) => Object.entries(models).find(([p]) => p.endsWith(`/${n}.md`))![1],
  );
  expect(loaded.notices().at(-1)).toContain(
    `${expected.reduce((s, t) => s + oracle.encode(t, [], []).length, 0).toLocaleString("en-US")} tokens`,
  );

  await app.workspace.setActiveFile(app.vault.getFileByPath("Projects/Migration plan.md"));
  await loaded.run("tally-linked-notes");
  await fill({ Depth: "2" });
  expect(loaded.notices().at(-1)).toMatch(/tokens in 4 files .*: linked from Migration plan \(depth 2\)$/);
});

test("Build context pack… takes the columns in question and the task, like `decp pack --columns --task`", async () => {
  const { importDbtProject, readManifest } = await import("../../../src/core/dbt");
  const { packAroundFocus } = await import("../../../src/core/context");
  const { readFileSync } = await import("node:fs");
  const root = mkdtempSync(join(tmpdir(), "decp-obsidian-columns-"));
  try {
    const fsVault = new FsVault(root);
    const manifest = readFileSync(dbtFixturePath("jaffle_shop_v12_dbt1.8.json"), "utf8");
    await importDbtProject(fsVault, DEFAULT_SETTINGS, readManifest(JSON.parse(manifest) as Record<string, unknown>));
    const notes: Record<string, string> = {};
    for (const path of await fsVault.list("dbt")) notes[path] = await fsVault.read(path);

    const app = createApp({ files: notes });
    loaded = await loadBuiltPlugin(app);
    await loaded.run("build-context-pack");
    const form = openModals.at(-1) as Modal;
    expect(allSettings(form.contentEl).map((s) => s.nameEl.textContent)).toEqual([
      "Focus",
      "Budget",
      "Columns",
      "Task",
      "",
    ]);
    await fill({ Focus: "stg_orders", Budget: "2000", Columns: " status ,", Task: "Rename order_date to ordered_at" });
    await loaded.run("copy-context-pack");
    const request = { focus: "stg_orders", budget: 2000, columns: ["status"], task: "Rename order_date to ordered_at" };
    const expected = renderPackMarkdown(await packAroundFocus(fsVault, DEFAULT_SETTINGS, request));
    expect(clipboard.text).toContain("- Columns in question: status, order_date\n");
    expect(clipboard.text).toBe(expected);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
