import { rmSync } from "node:fs";
import { Settings } from "luxon";
import type { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import { latestHandoff, writeHandoff } from "../../../src/core/session";
import { expectApproved } from "../../support/approval";
import { buildSessionVault, daily, settings } from "./session-vault";

Settings.defaultZone = "UTC";
const clock = fixedClock("2026-01-21T18:00:00Z");
const input = {
  stoppedAt: "Refund join refactored in fct_orders; tests green",
  nextAction: "Decide how to reprocess late refunds (LOOP-004)",
  reading: ["stg_orders"],
};

describe("handoff in the daily note", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => ({ root, vault } = await buildSessionVault()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("writing twice yields one section and keeps the rest of the note", async () => {
    await vault.write(
      "Daily/2026-01-21.md",
      "# Wednesday\n\n## Copilot handoff\nold stuff\n\n## Journal\nMy own words.\n",
    );
    await writeHandoff(vault, settings, daily, input, clock);
    await writeHandoff(vault, settings, daily, { ...input, nextAction: "Run dbt build -s fct_orders+" }, clock);
    const text = await vault.read("Daily/2026-01-21.md");
    expect(text.match(/## Copilot handoff/g)).toHaveLength(1);
    expect(text.startsWith("# Wednesday\n\n## Copilot handoff\n")).toBe(true);
    expect(text.endsWith("\n## Journal\nMy own words.\n")).toBe(true);
    expect(text).toContain("- **Next action:** Run dbt build -s fct_orders+");
    expect(text).not.toContain("old stuff");
    const latest = await latestHandoff(vault, daily);
    expect(latest).toMatchObject({
      date: "2026-01-21",
      nextAction: "Run dbt build -s fct_orders+",
      stoppedAt: input.stoppedAt,
    });
  });

  test("the section's content is approved", async () => {
    await writeHandoff(vault, settings, daily, input, clock);
    expectApproved("handoff", await vault.read("Daily/2026-01-21.md"));
  });

  test("creates the daily note in the configured folder and format, from the template", async () => {
    await vault.write("Templates/Daily.md", "# {{date:dddd, MMMM Do YYYY}}\n\nCreated {{time}} as {{title}}.\n");
    const custom = { folder: "Journal", format: "YYYY/MM/DD dddd", template: "Templates/Daily" };
    const result = await writeHandoff(vault, settings, custom, input, clock);
    expect(result).toMatchObject({ path: "Journal/2026/01/21 Wednesday.md", created: true, warnings: [] });
    const text = await vault.read(result.path);
    expect(
      text.startsWith("# Wednesday, January 21st 2026\n\nCreated 18:00 as 21 Wednesday.\n\n## Copilot handoff\n"),
    ).toBe(true);
    expect((await latestHandoff(vault, custom))?.dailyNote).toBe("Journal/2026/01/21 Wednesday.md");
  });

  test("a missing template is reported, not fatal", async () => {
    const result = await writeHandoff(
      vault,
      settings,
      { folder: "", format: "YYYY-MM-DD", template: "Templates/Nope" },
      input,
      clock,
    );
    expect(result.warnings).toEqual([
      'Daily note template "Templates/Nope.md" was not found; the note was created without it',
    ]);
  });
});
