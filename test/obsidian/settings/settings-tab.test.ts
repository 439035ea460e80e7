/** @jest-environment jsdom */
// The settings tab driven like a user through the Obsidian fake (the pre-1.13 display() path):
// valid edits are saved to data.json, invalid ones are refused with a Notice and never stored.

import DecpPlugin from "../../../src/main";
import { DecpSettingTab } from "../../../src/obsidian/settings/settings-tab";
import {
  clearNotices,
  DropdownComponent,
  findSetting,
  groupHeadings,
  noticeMessages,
  TextComponent,
  type App,
} from "../../fakes/obsidian";
import { asObsidianApp, createApp, readManifest, settle } from "../../fakes/obsidian-harness";

async function openTab(
  app: App,
): Promise<{ plugin: DecpPlugin; tab: DecpSettingTab; saved: () => { settings: Record<string, unknown> } }> {
  const plugin = new DecpPlugin(asObsidianApp(app), readManifest());
  plugin.load();
  await (plugin as unknown as { onloadDone: Promise<void> }).onloadDone;
  // Opening the tab calls display(), as Obsidian before 1.13 does.
  app.setting.openTab(app.setting.pluginTabs[0]);
  const tab = app.setting.pluginTabs[0] as unknown as DecpSettingTab;
  const saved = (): { settings: Record<string, unknown> } =>
    JSON.parse(app.pluginData.get(plugin.manifest.id) ?? "{}") as { settings: Record<string, unknown> };
  return { plugin, tab, saved };
}

async function type(tab: DecpSettingTab, name: string, value: string): Promise<void> {
  await findSetting(tab.containerEl, name).control(TextComponent).input(value);
  await settle();
}

beforeEach(() => clearNotices());

describe("settings tab", () => {
  it("shows every block under a heading, with the stored values", async () => {
    const app = createApp();
    app.pluginData.set(
      "de-copilot-patterns",
      JSON.stringify({ settings: { loopsFolder: "Work/Loops", budget: 8000 } }),
    );
    const { tab } = await openTab(app);
    // Core blocks first; features (TickTick, ...) contribute theirs after.
    expect(groupHeadings(tab.containerEl).slice(0, 4)).toEqual([
      "Folders",
      "Token budget",
      "Context packs",
      "dbt project",
    ]);
    expect(findSetting(tab.containerEl, "Loops folder").control(TextComponent).getValue()).toBe("Work/Loops");
    expect(findSetting(tab.containerEl, "Budget").control(TextComponent).getValue()).toBe("8000");
    expect(findSetting(tab.containerEl, "Encoding").control(DropdownComponent).options()).toEqual([
      "o200k_base",
      "cl100k_base",
    ]);
  });

  it("saves a folder normalized, the budget, the context window and the encoding to data.json", async () => {
    const { plugin, tab, saved } = await openTab(createApp());
    await type(tab, "Loops folder", "Work//Loops/");
    await type(tab, "Budget", "12000");
    await findSetting(tab.containerEl, "Encoding").control(DropdownComponent).input("cl100k_base");
    await type(tab, "Context window", "1000000");
    await type(tab, "Manifest path", "/home/me/acme/target/manifest.json");
    expect(noticeMessages()).toEqual([]);
    expect(plugin.settings).toMatchObject({
      loopsFolder: "Work/Loops",
      budget: 12000,
      encoding: "cl100k_base",
      contextWindow: 1_000_000,
    });
    expect(saved().settings).toMatchObject({
      loopsFolder: "Work/Loops",
      budget: 12000,
      encoding: "cl100k_base",
      contextWindow: 1_000_000,
      dbtManifestPath: "/home/me/acme/target/manifest.json",
    });
  });

  it.each([
    ["Deliberate from", "0.45", /must increase/],
    ["Stop from", "0.3", /must increase/],
    ["Warning from", "1.5", /between 0 and 1/],
    ["Deliberate from", "0", /between 0 and 1/],
    ["Stop from", "abc", /between 0 and 1/],
  ])("refuses %s = %s with a Notice saying why, and stores nothing", async (name, value, why) => {
    const { plugin, tab, saved } = await openTab(createApp());
    await type(tab, "Budget", "6000");
    await type(tab, name, value);
    expect(noticeMessages()).toHaveLength(1);
    expect(noticeMessages()[0]).toMatch(why);
    expect(findSetting(tab.containerEl, name).infoEl.querySelector(".decp-setting-error")?.textContent).toMatch(why);
    expect(plugin.settings.phases).toEqual({ comfortable: 0.2, deliberate: 0.4, warning: 0.5 });
    expect(saved().settings.phases).toEqual({ comfortable: 0.2, deliberate: 0.4, warning: 0.5 });
  });

  it("accepts thresholds that keep increasing, one at a time", async () => {
    const { plugin, tab } = await openTab(createApp());
    await type(tab, "Stop from", "0.8");
    await type(tab, "Warning from", "0.6");
    await type(tab, "Deliberate from", "0.3");
    expect(noticeMessages()).toEqual([]);
    expect(plugin.settings.phases).toEqual({ comfortable: 0.3, deliberate: 0.6, warning: 0.8 });
  });

  it("refuses folders outside the vault and a budget that is not a positive whole number", async () => {
    const { plugin, tab } = await openTab(createApp());
    await type(tab, "Context folder", "../outside");
    await type(tab, "Sessions folder", "");
    await type(tab, "Budget", "-5");
    await type(tab, "Budget", "12.5");
    await type(tab, "Context window", "500");
    expect(noticeMessages()).toHaveLength(5);
    expect(noticeMessages()[0]).toMatch(/escapes the vault/);
    expect(noticeMessages()[4]).toMatch(/context window must be a whole number of tokens, at least 1000/);
    expect(plugin.settings).toMatchObject({
      contextFolder: "Copilot/Context",
      sessionsFolder: "Copilot/Sessions",
      budget: 5000,
      contextWindow: 200_000,
    });
  });

  it("renders the TickTick block, saving its keys under plugin.settings", async () => {
    const { plugin, tab } = await openTab(createApp());
    expect(groupHeadings(tab.containerEl)).toContain("TickTick");
    await type(tab, "List for open loops", "65a1f0c2");
    expect(plugin.settings.ticktick.listId).toBe("65a1f0c2");
  });

  it("guards the 1.13 declarative path too: setControlValue refuses an invalid value", async () => {
    const { plugin, tab } = await openTab(createApp());
    await tab.setControlValue("phases.warning", 0.1);
    expect(noticeMessages()[0]).toMatch(/must increase/);
    expect(plugin.settings.phases.warning).toBe(0.5);
    await tab.setControlValue("dbtFolder", "models//dbt/");
    expect(plugin.settings.dbtFolder).toBe("models/dbt");
  });
});
