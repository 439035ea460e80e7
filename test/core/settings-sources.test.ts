// One settings chain for the plugin, the CLI and the MCP server: key by key, first source wins.

import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { resolveSettings, resolveSettingsFrom } from "../../src/core/settings-sources";

const PLUGIN = ".obsidian/plugins/de-copilot-patterns/data.json";
const DECP = ".decp/settings.json";

describe("resolveSettingsFrom", () => {
  test.each([
    ["no sources: every key is its default", [], {}, { budget: "default", "phases.warning": "default" }],
    [
      "the plugin's value wins over .decp/settings.json, key by key",
      [
        { name: PLUGIN, data: { budget: 8000, phases: { warning: 0.6 } } },
        { name: DECP, data: { budget: 3000, loopsFolder: "Work/Loops", phases: { warning: 0.45, deliberate: 0.3 } } },
      ],
      { budget: 8000, loopsFolder: "Work/Loops", phases: { comfortable: 0.2, deliberate: 0.3, warning: 0.6 } },
      { budget: PLUGIN, loopsFolder: DECP, "phases.warning": PLUGIN, "phases.deliberate": DECP, rootFolder: "default" },
    ],
    [
      "an absent source is skipped",
      [
        { name: PLUGIN, data: undefined },
        { name: DECP, data: { dailyNotes: { folder: "Journal" } } },
      ],
      { dailyNotes: { folder: "Journal", format: "YYYY-MM-DD", template: "" } },
      { "dailyNotes.folder": DECP, "dailyNotes.format": "default" },
    ],
    [
      "a value of the wrong type falls through to the next source",
      [
        { name: PLUGIN, data: { budget: "8000" } },
        { name: DECP, data: { budget: 3000 } },
      ],
      { budget: 3000 },
      { budget: DECP },
    ],
  ])("%s", (_name, sources, expected, origins) => {
    const effective = resolveSettingsFrom(sources);
    expect(effective.settings).toMatchObject(expected);
    expect(effective.origins).toMatchObject(origins);
  });

  test("every key of the defaults has an origin, so a new setting needs no change here", () => {
    const leaves = (value: object, prefix = ""): string[] =>
      Object.entries(value).flatMap(([k, v]) =>
        typeof v === "object" && v !== null ? leaves(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(Object.keys(resolveSettingsFrom([]).origins).sort()).toEqual(leaves(DEFAULT_SETTINGS).sort());
  });

  test("skipped values are reported in one line naming the file, the key and what to do", () => {
    const { problems, settings } = resolveSettingsFrom([
      { name: DECP, data: { budget: "lots", phases: 0.5, ticktick: { syncIntervalMinutes: null } } },
      { name: "broken.json", data: [1, 2] },
    ]);
    expect(problems).toEqual([
      "broken.json holds a list, not an object of settings; it was ignored",
      ".decp/settings.json: budget is text, not a number; it was ignored. Fix or remove it",
      ".decp/settings.json: phases is a number, not an object; it was ignored. Fix or remove it",
      ".decp/settings.json: ticktick.syncIntervalMinutes is null, not a number; it was ignored. Fix or remove it",
    ]);
    expect(settings.budget).toBe(DEFAULT_SETTINGS.budget);
  });

  test("the result never shares objects with the defaults or the sources", () => {
    const data = { phases: { warning: 0.45 } };
    const { settings } = resolveSettingsFrom([{ name: DECP, data }]);
    settings.phases.warning = 0.9;
    settings.ticktick.listId = "changed";
    expect([data.phases.warning, DEFAULT_SETTINGS.ticktick.listId]).toEqual([0.45, "inbox"]);
    expect(resolveSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
