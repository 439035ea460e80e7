// The plugin and the CLI/MCP decide daily notes the same way: the same Obsidian settings, given to the
// plugin as its live registries and to the CLI as the config folder's files, give the same answer.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { App as ObsidianApp } from "obsidian";
import { FsVault } from "../../../src/cli/fs-vault";
import { readVaultConfig } from "../../../src/cli/vault-config";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { obsidianDailyNoteSettings } from "../../../src/obsidian/session/daily-notes-settings";
import { App } from "../../fakes/obsidian";

interface Case {
  core?: { enabled: boolean; options: Record<string, string> };
  periodic?: { enabled: boolean; settings: unknown };
}

const cases: [string, Case][] = [
  [
    "core Daily notes, custom folder and format",
    { core: { enabled: true, options: { folder: "Journal", format: "DD-MM-YYYY" } } },
  ],
  ["core Daily notes off", { core: { enabled: false, options: { folder: "Journal" } } }],
  [
    "Periodic Notes 0.x on",
    {
      core: { enabled: true, options: { folder: "Core" } },
      periodic: {
        enabled: true,
        settings: { daily: { enabled: true, folder: "P", format: "YYYY/MM/DD", template: "T" } },
      },
    },
  ],
  [
    "Periodic Notes installed but disabled",
    {
      core: { enabled: true, options: { folder: "Core" } },
      periodic: { enabled: false, settings: { daily: { enabled: true, folder: "P" } } },
    },
  ],
  [
    "Periodic Notes 1.x calendar sets",
    {
      core: { enabled: true, options: {} },
      periodic: {
        enabled: true,
        settings: {
          activeCalendarSet: "Default",
          calendarSets: [
            { id: "Default", day: { enabled: true, folder: "Days", format: "YYYYMMDD", templatePath: "T" } },
          ],
        },
      },
    },
  ],
];

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), "decp-daily-parity-"))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, value: unknown): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), JSON.stringify(value));
}

test.each(cases)("%s: the plugin and the CLI agree", async (_name, c) => {
  const app = new App();
  const fallback = { folder: "FromSettings", format: "YYYY-MM-DD", template: "" };
  if (c.core)
    app.internalPlugins.plugins["daily-notes"] = { enabled: c.core.enabled, instance: { options: c.core.options } };
  if (c.periodic) {
    app.plugins.plugins["periodic-notes"] = { settings: c.periodic.settings };
    if (c.periodic.enabled) app.plugins.enabledPlugins.add("periodic-notes");
  }
  put(".obsidian/core-plugins.json", { "daily-notes": c.core?.enabled ?? true });
  put(".obsidian/daily-notes.json", c.core?.options ?? {});
  put(".obsidian/community-plugins.json", c.periodic?.enabled ? ["periodic-notes"] : []);
  if (c.periodic) {
    put(".obsidian/plugins/periodic-notes/manifest.json", { id: "periodic-notes" });
    put(".obsidian/plugins/periodic-notes/data.json", c.periodic.settings);
  }
  put(".decp/settings.json", { dailyNotes: fallback });

  const plugin = obsidianDailyNoteSettings(app as unknown as ObsidianApp, fallback);
  const cli = (await readVaultConfig(new FsVault(root))).daily;
  expect(cli).toEqual(plugin);
  expect(plugin).not.toEqual(DEFAULT_SETTINGS.dailyNotes);
});
