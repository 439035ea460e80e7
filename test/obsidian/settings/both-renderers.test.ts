/** @jest-environment jsdom */
// Settings that survive both renderers, through the built main.js: Obsidian 1.13 renders the tab's
// definitions itself and indexes them for search when the tab is registered; older versions call
// display(). Every section (TickTick's too) is searchable, and no number field can store NaN.

import { findSetting, setApiVersion, TextComponent } from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";

const NOTE = "# Orders\n\nOne row per order.\n";

describe.each([
  ["1.11.4", "display()"],
  ["1.13.1", "the app's definitions renderer"],
])("Obsidian %s (%s)", (version) => {
  let restore: () => void;
  beforeEach(() => (restore = setApiVersion(version)));
  afterEach(() => restore());

  test("emptying “Largest file to count” keeps the stored size, says why, and counting still works", async () => {
    const app = createApp({ files: { "Orders.md": NOTE } });
    const loaded = await loadBuiltPlugin(app, { data: { settings: { maxTallyBytes: 5000 } } });
    const tab = loaded.openSettings();
    const row = findSetting(tab.containerEl, "Largest file to count");
    await row.control(TextComponent).input("");
    await settle();
    expect((loaded.savedData() as { settings: { maxTallyBytes: unknown } }).settings.maxTallyBytes).toBe(5000);
    expect(row.settingEl.textContent).toMatch(/number/i);
    await row.control(TextComponent).input("0");
    await settle();
    expect((loaded.savedData() as { settings: { maxTallyBytes: unknown } }).settings.maxTallyBytes).toBe(5000);
    await app.workspace.setActiveFile(app.vault.getFileByPath("Orders.md"));
    await loaded.run("tally-current-note");
    expect(loaded.notices().at(-1)).toMatch(/^8 tokens in 1 file/);
    await loaded.unload();
  });
});

test("on 1.13, settings search finds every section, TickTick's included", async () => {
  const restore = setApiVersion("1.13.1");
  try {
    const app = createApp();
    const loaded = await loadBuiltPlugin(app);
    expect(app.setting.search("largest file")).toEqual(["Largest file to count"]);
    expect(app.setting.search("access token secret")).toEqual(["Access token secret"]);
    expect(app.setting.search("sync interval")).toEqual(["Sync interval"]);
    await loaded.unload();
  } finally {
    restore();
  }
});

test("a size that was stored empty (null after a reload) falls back to the default, so counting is not turned off", async () => {
  const app = createApp({ files: { "Orders.md": NOTE } });
  const loaded = await loadBuiltPlugin(app, { data: { settings: { maxTallyBytes: null, budget: "x" } } });
  await app.workspace.setActiveFile(app.vault.getFileByPath("Orders.md"));
  await loaded.run("tally-current-note");
  expect(loaded.notices().at(-1)).toMatch(/^8 tokens in 1 file \(0 % of the 5,000 budget/);
  await loaded.unload();
});
