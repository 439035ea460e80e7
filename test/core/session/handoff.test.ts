import { rmSync } from "node:fs";
import { Settings } from "luxon";
import type { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import { latestHandoff, latestHandoffIn, writeHandoff } from "../../../src/core/session";
import { expectApproved } from "../../support/approval";
import { buildSessionVault, daily, settings } from "./session-vault";

Settings.defaultZone = "UTC";
const clock = fixedClock("2026-01-21T18:00:00Z");
const input = {
  stoppedAt: "Refund join refactored in fct_orders; tests green",
  nextAction: "Decide how to reprocess late refunds (LOOP-004)",
  reading: ["stg_orders"],
};

// The HANDOFF template's six headings, filled in by hand (its teaching comments left in place).
const TEMPLATE_FORM = `## Copilot handoff

%% WHY (workflow): These six headings are the protocol's handoff format. %%

### Stopped at

%% FILL: The exact point. %%

Working on [[fct_orders]]:
refund join rewritten; \`unique\` passes in dev

### Next action

%% FILL: One physical, visible action. %%

- Run dbt build -s fct_orders+

### Required reading

- [[fct_orders]]
- stg_payments
- 

### Open loops

- LOOP-004

### Context record

- 

### Resume prompt

\`\`\`text
Read BOOTLOADER and follow the protocol.
\`\`\`
`;

describe("reading a handoff back", () => {
  test.each([
    [
      "the bullet form decp writes",
      "## Copilot handoff\n%% Written by decp on 2026-01-21 18:00. %%\n- **Stopped at:** Refund join done\n- **Next action:** Reprocess late refunds\n\n### Required reading\n- [[stg_orders]]\n- [[Copilot/Context/x|x]]\n",
      {
        stoppedAt: "Refund join done",
        nextAction: "Reprocess late refunds",
        reading: ["[[stg_orders]]", "[[Copilot/Context/x|x]]"],
      },
    ],
    [
      "the HANDOFF template's six headings",
      TEMPLATE_FORM,
      {
        stoppedAt: "Working on [[fct_orders]]: refund join rewritten; `unique` passes in dev",
        nextAction: "Run dbt build -s fct_orders+",
        reading: ["[[fct_orders]]", "stg_payments"],
      },
    ],
    [
      "the template's headings left empty",
      "## Copilot handoff\n\n### Stopped at\n\n%% FILL: x %%\n\n### Next action\n\n- \n\n### Required reading\n\n- \n",
      { stoppedAt: "", nextAction: "", reading: [] },
    ],
    [
      "bold labels without a bullet, and plain labels",
      "## Copilot handoff\n**Stopped at**: Tests green\nNext action: Open the PR\n",
      { stoppedAt: "Tests green", nextAction: "Open the PR", reading: [] },
    ],
    [
      "a heading wins over a bullet line for the same field",
      "## Copilot handoff\n- **Stopped at:** old line\n\n### Stopped at\nnew text\n",
      { stoppedAt: "new text", nextAction: "", reading: [] },
    ],
    [
      "the last of several handoffs in one note",
      "## Copilot handoff\n- **Stopped at:** morning\n\n## My notes\nx\n\n## Copilot handoff (14:30)\n- **Stopped at:** afternoon\n",
      { stoppedAt: "afternoon", nextAction: "", reading: [] },
    ],
    [
      "a heading inside a code fence is not a handoff",
      "## Copilot handoff\n- **Stopped at:** real\n\n```\n## Copilot handoff\n- **Stopped at:** quoted\n```\n",
      { stoppedAt: "real", nextAction: "", reading: [] },
    ],
  ])("%s", (_name, text, expected) => {
    expect(latestHandoffIn(`# Wednesday\n\n${text}`, "2026-01-21", "Daily/2026-01-21.md")).toEqual({
      date: "2026-01-21",
      dailyNote: "Daily/2026-01-21.md",
      ...expected,
    });
  });

  test("a note without a handoff section has none", () => {
    expect(latestHandoffIn("# Day\n\n## Journal\nStopped at: lunch\n", "2026-01-21", "d.md")).toBeNull();
  });
});

describe("handoff in the daily note", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => ({ root, vault } = await buildSessionVault()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("a second handoff is added below the first; nothing in the note is removed", async () => {
    const before = "# Wednesday\n\n## Copilot handoff\nA handoff a human wrote.\n\n## Journal\nMy own words.\n";
    await vault.write("Daily/2026-01-21.md", before);
    const first = await writeHandoff(vault, settings, daily, input, clock);
    const second = await writeHandoff(
      vault,
      settings,
      daily,
      { ...input, nextAction: "Run dbt build -s fct_orders+" },
      clock,
    );
    expect([first.status, first.heading]).toEqual(["added", "Copilot handoff (18:00)"]);
    expect([second.status, second.heading]).toEqual(["added", "Copilot handoff (18:00, 2)"]);
    const text = await vault.read("Daily/2026-01-21.md");
    expect(
      text.startsWith("# Wednesday\n\n## Copilot handoff\nA handoff a human wrote.\n\n## Copilot handoff (18:00)\n"),
    ).toBe(true);
    expect(text.endsWith("```\n\n## Journal\nMy own words.\n")).toBe(true);
    expect(text.indexOf("Decide how to reprocess")).toBeLessThan(text.indexOf("- **Next action:** Run dbt build"));
    expect(await latestHandoff(vault, daily)).toMatchObject({
      date: "2026-01-21",
      nextAction: "Run dbt build -s fct_orders+",
      stoppedAt: input.stoppedAt,
    });
  });

  test("the same handoff written again changes nothing", async () => {
    await writeHandoff(vault, settings, daily, input, clock);
    const once = await vault.read("Daily/2026-01-21.md");
    const again = await writeHandoff(vault, settings, daily, input, fixedClock("2026-01-21T18:05:00Z"));
    expect(again.status).toBe("unchanged");
    expect(await vault.read("Daily/2026-01-21.md")).toBe(once);
  });

  test("a reading entry with a newline and a fence cannot swallow the rest of the note", async () => {
    // Issue 13's reproduction: "x\n~~~\ny" used to open a fence, so the next handoff removed "## My notes".
    await writeHandoff(vault, settings, daily, { ...input, reading: ["x\n~~~\ny"] }, clock);
    await vault.process("Daily/2026-01-21.md", (text) => `${text}\n## My notes\nKEEP ME\n`);
    await writeHandoff(vault, settings, daily, { ...input, stoppedAt: "Later\n```\n## Copilot handoff" }, clock);
    const text = await vault.read("Daily/2026-01-21.md");
    expect(text).toContain("- [[x ~~~ y]]");
    expect(text).toContain("## My notes\nKEEP ME\n");
    expect(text).toContain("- **Stopped at:** Later ``` ## Copilot handoff\n");
    expect((await latestHandoff(vault, daily))?.stoppedAt).toBe("Later ``` ## Copilot handoff");
  });

  test("the section's content is approved", async () => {
    await writeHandoff(vault, settings, daily, input, clock);
    expectApproved("handoff", await vault.read("Daily/2026-01-21.md"));
  });

  test("a handoff needs where the session stopped and the next action", async () => {
    await expect(writeHandoff(vault, settings, daily, { ...input, stoppedAt: " \n " }, clock)).rejects.toThrow(
      "A handoff needs where the session stopped",
    );
    await expect(writeHandoff(vault, settings, daily, { ...input, nextAction: "" }, clock)).rejects.toThrow(
      "A handoff needs the next action",
    );
    expect(await vault.read("Daily/2026-01-21.md")).not.toContain("Copilot handoff");
  });

  test("creates the daily note in the configured folder and format, from the template", async () => {
    await vault.write("Templates/Daily.md", "# {{date:dddd, MMMM Do YYYY}}\n\nCreated {{time}} as {{title}}.\n");
    const custom = { folder: "Journal", format: "YYYY/MM/DD dddd", template: "Templates/Daily" };
    const result = await writeHandoff(vault, settings, custom, input, clock);
    expect(result).toMatchObject({ path: "Journal/2026/01/21 Wednesday.md", status: "created", warnings: [] });
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
