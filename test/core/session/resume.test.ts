import { rmSync } from "node:fs";
import { Settings } from "luxon";
import type { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import { parseNote } from "../../../src/core/frontmatter";
import { updateLoop } from "../../../src/core/loops";
import { buildResumePack, writeHandoff } from "../../../src/core/session";
import { BUNDLED_TEMPLATES, stripTeachingComments } from "../../../src/core/templates";
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
});
