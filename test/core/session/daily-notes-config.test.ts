// One decision for the plugin, the CLI and the MCP server: which daily-note settings a vault uses.

import { communityPluginEnabled, coreDailyNotesEnabled, resolveDailyNoteSettings } from "../../../src/core/session";

const fallback = { folder: "FromSettings", format: "DD.MM.YYYY", template: "" };

describe("resolveDailyNoteSettings", () => {
  test.each([
    ["nothing from Obsidian: decp's own setting", {}, { daily: fallback, origin: "settings" }],
    [
      "core Daily notes, non-default folder and format",
      { coreDailyNotes: { folder: "Journal/Daily", format: "YYYY/MM/DD dddd", template: "Templates/Day" } },
      {
        daily: { folder: "Journal/Daily", format: "YYYY/MM/DD dddd", template: "Templates/Day" },
        origin: "daily-notes",
      },
    ],
    [
      "core Daily notes enabled without a settings file: Obsidian's defaults",
      { coreDailyNotes: {} },
      { daily: { folder: "", format: "YYYY-MM-DD", template: "" }, origin: "daily-notes" },
    ],
    [
      "core Daily notes with an empty format: the default format",
      { coreDailyNotes: { folder: "Daily", format: "" } },
      { daily: { folder: "Daily", format: "YYYY-MM-DD", template: "" }, origin: "daily-notes" },
    ],
    [
      "Periodic Notes 0.x with daily notes on wins over core",
      {
        periodicNotes: { daily: { enabled: true, folder: "Periodic", format: "gggg-[W]ww-E", template: "T" } },
        coreDailyNotes: { folder: "Core" },
      },
      { daily: { folder: "Periodic", format: "gggg-[W]ww-E", template: "T" }, origin: "periodic-notes" },
    ],
    [
      "Periodic Notes with daily notes off: core decides",
      { periodicNotes: { daily: { enabled: false, folder: "Periodic" } }, coreDailyNotes: { folder: "Core" } },
      { daily: { folder: "Core", format: "YYYY-MM-DD", template: "" }, origin: "daily-notes" },
    ],
    [
      "Periodic Notes 1.x calendar sets: the active set's day settings",
      {
        periodicNotes: {
          activeCalendarSet: "Work",
          calendarSets: [
            { id: "Default", day: { enabled: true, folder: "Home", format: "YYYY-MM-DD" } },
            { id: "Work", day: { enabled: true, folder: "Work/Days", format: "YYYYMMDD", templatePath: "T/Work" } },
          ],
        },
      },
      { daily: { folder: "Work/Days", format: "YYYYMMDD", template: "T/Work" }, origin: "periodic-notes" },
    ],
    [
      "Periodic Notes settings that are not an object: ignored",
      { periodicNotes: "garbage", coreDailyNotes: null },
      { daily: { folder: "", format: "YYYY-MM-DD", template: "" }, origin: "daily-notes" },
    ],
  ])("%s", (_name, config, expected) => {
    expect(resolveDailyNoteSettings(config, fallback)).toEqual(expected);
  });
});

describe("which plugins are on", () => {
  test.each([
    [undefined, true],
    [{ "daily-notes": true }, true],
    [{ "daily-notes": false }, false],
    [{ "file-explorer": true }, true],
    [["file-explorer", "daily-notes"], true],
    [["file-explorer"], false],
  ])("core-plugins.json %j: Daily notes on = %p", (corePlugins, expected) => {
    expect(coreDailyNotesEnabled(corePlugins)).toBe(expected);
  });

  test("community-plugins.json lists the enabled ones", () => {
    expect(communityPluginEnabled(["periodic-notes"], "periodic-notes")).toBe(true);
    expect(communityPluginEnabled([], "periodic-notes")).toBe(false);
    expect(communityPluginEnabled(undefined, "periodic-notes")).toBe(false);
  });
});
