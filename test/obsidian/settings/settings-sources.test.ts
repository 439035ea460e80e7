/** @jest-environment jsdom */
// The plugin resolves its settings from the same chain as the CLI and the MCP server: its data.json,
// then the vault's .decp/settings.json, then the defaults; and daily notes as core decides them.

import { DateTime } from "luxon";
import type { DecpSettings } from "../../../src/core/settings";
import {
  closeAllModals,
  findSetting,
  openModals,
  TextComponent,
  ButtonComponent,
  allSettings,
  type Modal,
} from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle } from "../../fakes/obsidian-harness";

afterEach(() => closeAllModals());

test("data.json wins key by key; .decp/settings.json fills what the plugin never stored", async () => {
  const app = createApp({
    hiddenFiles: {
      ".decp/settings.json": JSON.stringify({ budget: 3000, loopsFolder: "Work/Loops", phases: { warning: 0.45 } }),
    },
  });
  const loaded = await loadBuiltPlugin<{ settings: DecpSettings } & import("../../fakes/obsidian").Plugin>(app, {
    data: { settings: { budget: 8000 } },
  });
  const settings = loaded.plugin.settings;
  expect([settings.budget, settings.loopsFolder, settings.phases.warning, settings.contextFolder]).toEqual([
    8000,
    "Work/Loops",
    0.45,
    "Copilot/Context",
  ]);
  await loaded.unload();
});

test("a broken .decp/settings.json is reported and ignored; the plugin still loads", async () => {
  const app = createApp({ hiddenFiles: { ".decp/settings.json": "{ nope" } });
  const loaded = await loadBuiltPlugin(app);
  expect(loaded.notices().some((n) => n.startsWith(".decp/settings.json is not valid JSON"))).toBe(true);
  expect(loaded.commands().length).toBeGreaterThan(0);
  await loaded.unload();
});

test("with core Daily notes off, the handoff goes where decp's own dailyNotes setting says", async () => {
  const app = createApp({
    dailyNotes: { enabled: false, folder: "Core" },
    hiddenFiles: { ".decp/settings.json": JSON.stringify({ dailyNotes: { folder: "Mine", format: "DD.MM.YYYY" } }) },
  });
  const loaded = await loadBuiltPlugin(app);
  await loaded.run("write-handoff");
  const form = openModals.at(-1) as Modal;
  await findSetting(form.contentEl, "Stopped at").control(TextComponent).input("Here");
  await findSetting(form.contentEl, "Next action").control(TextComponent).input("There");
  await allSettings(form.contentEl).at(-1)!.control(ButtonComponent).click();
  await settle(6);
  expect(app.vault.getFileByPath(`Mine/${DateTime.now().toFormat("dd.LL.yyyy")}.md`)).not.toBeNull();
  await loaded.unload();
});
