import { rmSync } from "node:fs";
import { Settings } from "luxon";
import type { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import { parseNote } from "../../../src/core/frontmatter";
import { updateLoop } from "../../../src/core/loops";
import { buildResumePack, writeHandoff } from "../../../src/core/session";
import {
  BUNDLED_TEMPLATES,
  createNoteFromTemplate,
  findBundledTemplate,
  stripTeachingComments,
} from "../../../src/core/templates";
import { buildSessionVault, daily, settings } from "./session-vault";

Settings.defaultZone = "UTC";
// Test counter: one token per word-ish piece, deterministic and independent of any tokenizer.
const count = (text: string): number => text.split(/\s+/).filter(Boolean).length;
const BOOTLOADER =
  "---\ntype: protocol\n---\n# Bootloader\n%% Teaching: explain why each step matters. %%\n" +
  "Read the handoff, restate the next action, keep loops visible. ".repeat(40);

describe("resume pack", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => {
    ({ root, vault } = await buildSessionVault());
    await vault.write("Copilot/Protocol/BOOTLOADER.md", BOOTLOADER);
    await writeHandoff(
      vault,
      settings,
      daily,
      { stoppedAt: "Refund join done", nextAction: "Reprocess late refunds" },
      fixedClock("2026-01-21T18:00:00Z"),
    );
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("with room, holds protocol, state, every open loop and the latest decision", async () => {
    const pack = await buildResumePack(vault, settings, { budget: 5000, count, daily });
    expect(pack.fits).toBe(true);
    expect(pack.tokens).toBeLessThanOrEqual(5000);
    expect(pack.tokens).toBe(count(pack.text));
    expect(pack.dropped).toEqual([]);
    expect(pack.loops).toEqual(["LOOP-001", "LOOP-003", "LOOP-004"]);
    for (const id of pack.loops) expect(pack.text).toContain(id);
    expect(pack.text).toContain("Read the handoff, restate the next action");
    expect(pack.text).not.toContain("Teaching:");
    expect(pack.text).toContain("- Next action: Reprocess late refunds");
    expect(pack.text).toContain("Clarified 2026-01-21T17:00:00Z in TickTick");
    expect(pack.text).toContain("Only the direct children");
  });

  test("a clarified loop carries its answer; the handoff's links reach the agent as plain names", async () => {
    await vault.process(
      "Copilot/Loops/LOOP-003 Currency of payment amounts.md",
      (text) => `${text}\n## Clarified in TickTick\nAmounts are in cents (see [[stg_payments]]).\nDana confirmed.\n`,
    );
    await writeHandoff(
      vault,
      settings,
      daily,
      {
        stoppedAt: "Refund join done in [[fct_orders|the orders fact]]",
        nextAction: "Reprocess",
        reading: ["stg_orders"],
      },
      fixedClock("2026-01-21T18:30:00Z"),
    );
    const pack = await buildResumePack(vault, settings, { budget: 5000, count, daily });
    expect(pack.text).toContain(
      "  Clarified 2026-01-21T17:00:00Z in TickTick: Amounts are in cents (see stg_payments). Dana confirmed.",
    );
    expect(pack.text).toContain("- Stopped at: Refund join done in the orders fact\n");
    expect(pack.text).toContain(
      "- Required reading: stg_orders, stg_payments, fct_orders, Copilot/Context/2026-01-21 1600 fct_orders\n",
    );
    expect(pack.text).toContain("- Written in: Daily/2026-01-21.md\n");
    const handoffPart = pack.text.split("## Last handoff")[1].split("\n## ")[0];
    expect(handoffPart).not.toContain("[[");
  });

  test("the project's STATE note is in the pack, as filled in, without template scaffolding", async () => {
    const template = findBundledTemplate("STATE")!;
    const created = await createNoteFromTemplate(
      vault,
      settings,
      { name: template.name, file: template.file, text: template.text, bundled: true },
      { clock: fixedClock("2026-01-21T17:00:00Z"), title: "acme", model: "fct_orders", zone: "UTC" },
    );
    expect(created.path).toBe("Copilot/STATE acme.md");
    await vault.process(created.path, (text) =>
      text
        .replace("- Step:", "- Step: refund join rewritten, unique test passing in dev")
        .replace(
          "|    |          |     |      |",
          "| DECISION-004 | Aggregate refunds before the join | Keeps one row per order | 2026-01-21 |",
        ),
    );
    const pack = await buildResumePack(vault, settings, { budget: 5000, count, daily });
    const state = pack.text.split("## Project state (Copilot/STATE acme.md)\n")[1].split("\n## Open loops")[0];
    expect(state).toContain("### Current position");
    expect(state).toContain("- Working on: fct_orders");
    expect(state).toContain("- Step: refund join rewritten, unique test passing in dev");
    expect(state).toContain(
      "| DECISION-004 | Aggregate refunds before the join | Keeps one row per order | 2026-01-21 |",
    );
    expect(state).toContain("- Grain of fct_orders:");
    for (const scaffold of ["%%", "[[", "dataview", "|    |", "# STATE", "type: state", "### Blockers and open loops"])
      expect([scaffold, state.includes(scaffold)]).toEqual([scaffold, false]);
  });

  test("the STATE note goes before any loop when the budget is tight", async () => {
    await vault.write(
      "Copilot/STATE acme.md",
      "---\ntype: state\nupdated: 2026-01-21T17:00:00Z\n---\n# STATE: acme\n\n## Current position\n\n- Step: " +
        "rewriting fct_orders at order grain ".repeat(20) +
        "\n",
    );
    const full = await buildResumePack(vault, settings, { budget: 5000, count, daily });
    expect(full.text).toContain("## Project state");
    const tight = await buildResumePack(vault, settings, { budget: 150, count, daily });
    expect(tight.dropped).toContain("project state");
    expect(tight.text).not.toContain("## Project state");
    for (const id of ["LOOP-001", "LOOP-003", "LOOP-004"]) expect(tight.text).toContain(id);
  });

  test("teaching comments in a loop note (notes made from the LOOPS template) stay out of the pack", async () => {
    await updateLoop(vault, "Copilot/Loops/LOOP-004 Late arriving refunds.md", {
      question: "%% FILL: The one question that closes this loop. %%\n\nDo we reprocess the last 3 days?",
    });
    const pack = await buildResumePack(vault, settings, { budget: 5000, count, daily });
    expect(pack.text).toContain("  Question: Do we reprocess the last 3 days?");
    expect(pack.text).not.toContain("FILL");
    expect(await vault.read("Copilot/Loops/LOOP-004 Late arriving refunds.md")).toContain("%% FILL: The one question");
  });

  test.each([300, 150, 90])("at a budget of %d it drops prose before any loop and fits", async (budget) => {
    const pack = await buildResumePack(vault, settings, { budget, count, daily });
    expect(pack.fits).toBe(true);
    expect(pack.tokens).toBeLessThanOrEqual(budget);
    expect(pack.dropped[0]).toBe("protocol text");
    for (const id of ["LOOP-001", "LOOP-003", "LOOP-004"]) expect(pack.text).toContain(id);
  });

  test("when even the loop list does not fit it says so and still lists every loop", async () => {
    const pack = await buildResumePack(vault, settings, { budget: 20, count, daily });
    expect(pack.fits).toBe(false);
    expect(pack.dropped).toEqual(["protocol text", "context decision", "loop details"]);
    expect(pack.text).toMatch(/The open loops alone need \d+ tokens, above the budget of 20/);
    for (const id of ["LOOP-001", "LOOP-003", "LOOP-004"]) expect(pack.text).toContain(id);
  });

  test("uses the bundled bootloader, without teaching comments, when none is installed", async () => {
    rmSync(`${root}/Copilot/Protocol/BOOTLOADER.md`);
    const pack = await buildResumePack(vault, settings, { budget: 50000, count, daily });
    const bundled = BUNDLED_TEMPLATES.BOOTLOADER;
    expect(bundled).toContain("%%");
    expect(pack.text).not.toContain("%%");
    const firstLine = stripTeachingComments(parseNote(bundled).body).trim().split("\n")[0];
    expect(pack.text).toContain(firstLine);
  });

  test("leaves out the BOOTLOADER's set-up notes for humans: the agent is already on its path", async () => {
    rmSync(`${root}/Copilot/Protocol/BOOTLOADER.md`);
    expect(BUNDLED_TEMPLATES.BOOTLOADER).toContain("## Path specifics");
    const pack = await buildResumePack(vault, settings, { budget: 50000, count, daily });
    expect(pack.text).toContain("| 5 | Load a context pack cut from the lineage, within budget | `context_pack` |");
    expect(pack.text).toContain("## Budget phases");
    expect(pack.text).not.toContain("Path specifics");
    expect(pack.text).not.toContain("Start the server with `decp mcp <vault>`");
    expect(pack.text).not.toContain("Paste whole outputs");
    expect(pack.text).toContain("\n## Last handoff\n");
  });
});
