// The CLI and the MCP server read a vault's configuration as the plugin sees it: the plugin's
// data.json before .decp/settings.json, and Obsidian's Daily notes / Periodic Notes settings.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { readVaultConfig } from "../../src/cli/vault-config";

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), "decp-config-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, value: unknown): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), typeof value === "string" ? value : JSON.stringify(value));
}

const config = () => readVaultConfig(new FsVault(root));

test("a vault without Obsidian config: .decp/settings.json, then the defaults", async () => {
  put(".decp/settings.json", { budget: 3000, dailyNotes: { folder: "Journal", format: "DD-MM-YYYY" } });
  const c = await config();
  expect([c.configDir, c.pluginFolder, c.settings.budget]).toEqual(["", "", 3000]);
  expect(c.daily).toEqual({ folder: "Journal", format: "DD-MM-YYYY", template: "" });
  expect(c.dailyOrigin).toBe(".decp/settings.json");
});

test("core Daily notes in a custom folder and format decide the daily notes, as in the plugin", async () => {
  put(".obsidian/core-plugins.json", { "daily-notes": true });
  put(".obsidian/daily-notes.json", { folder: "Journal/Days", format: "YYYY/MM/DD dddd", template: "Templates/Day" });
  put(".decp/settings.json", { dailyNotes: { folder: "Ignored" } });
  const c = await config();
  expect(c.daily).toEqual({ folder: "Journal/Days", format: "YYYY/MM/DD dddd", template: "Templates/Day" });
  expect(c.settings.dailyNotes).toEqual(c.daily);
  expect(c.origins["dailyNotes.format"]).toBe(".obsidian/daily-notes.json (core Daily notes)");
});

test("core Daily notes switched off: decp's own dailyNotes setting", async () => {
  put(".obsidian/core-plugins.json", { "daily-notes": false });
  put(".obsidian/daily-notes.json", { folder: "Journal" });
  put(".decp/settings.json", { dailyNotes: { folder: "Mine" } });
  expect((await config()).daily.folder).toBe("Mine");
});

test("Periodic Notes, when enabled with daily notes on, wins over core Daily notes", async () => {
  put(".obsidian/daily-notes.json", { folder: "Core" });
  put(".obsidian/community-plugins.json", ["periodic-notes"]);
  put(".obsidian/plugins/periodic-notes/manifest.json", { id: "periodic-notes" });
  put(".obsidian/plugins/periodic-notes/data.json", {
    daily: { enabled: true, folder: "Periodic/Daily", format: "YYYY-[W]WW-E", template: "" },
  });
  const c = await config();
  expect(c.daily).toEqual({ folder: "Periodic/Daily", format: "YYYY-[W]WW-E", template: "" });
  expect(c.dailyOrigin).toBe(".obsidian/plugins/periodic-notes/data.json (Periodic Notes)");
  // Installed but not enabled: Obsidian does not load it, so neither do we.
  put(".obsidian/community-plugins.json", []);
  expect((await config()).daily.folder).toBe("Core");
});

test("the plugin's data.json wins over .decp/settings.json, key by key, even in a renamed plugin folder", async () => {
  put(".obsidian/plugins/decp-dev/manifest.json", { id: "de-copilot-patterns" });
  put(".obsidian/plugins/decp-dev/data.json", {
    settings: { budget: 8000, loopsFolder: "Work/Loops" },
    tokenCache: {},
  });
  put(".decp/settings.json", { budget: 3000, contextFolder: "Work/Context" });
  const c = await config();
  expect(c.pluginFolder).toBe(".obsidian/plugins/decp-dev");
  expect([c.settings.budget, c.settings.loopsFolder, c.settings.contextFolder]).toEqual([
    8000,
    "Work/Loops",
    "Work/Context",
  ]);
  expect(c.origins).toMatchObject({
    budget: ".obsidian/plugins/decp-dev/data.json",
    contextFolder: ".decp/settings.json",
    sessionsFolder: "default",
  });
});

test("an overridden config folder name is found by its Obsidian files", async () => {
  put(".obsidian-work/core-plugins.json", { "daily-notes": true });
  put(".obsidian-work/daily-notes.json", { folder: "Work days" });
  put(".obsidian-work/plugins/de-copilot-patterns/manifest.json", { id: "de-copilot-patterns" });
  put(".obsidian-work/plugins/de-copilot-patterns/data.json", { settings: { budget: 4000 } });
  const c = await config();
  expect([c.configDir, c.daily.folder, c.settings.budget]).toEqual([".obsidian-work", "Work days", 4000]);
});

test.each([
  [".obsidian/daily-notes.json", "Change the setting in Obsidian to rewrite it, or delete the file"],
  [".decp/settings.json", "Fix or delete the file"],
  [".obsidian/plugins/de-copilot-patterns/data.json", "Change a setting in the plugin's settings tab"],
])("broken JSON in %s is a one-line error naming the file and what to do", async (path, fix) => {
  put(".obsidian/plugins/de-copilot-patterns/manifest.json", { id: "de-copilot-patterns" });
  put(path, "{ not json");
  await expect(config()).rejects.toThrow(new RegExp(`^${path.replace(/\./g, "\\.")} is not valid JSON`));
  const error = (await config().catch((e: unknown) => e)) as { hint?: string };
  expect(error.hint).toContain(fix);
});
