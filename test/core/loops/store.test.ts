import { mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import {
  approveLoop,
  approveLoops,
  changeLoopStatus,
  createLoops,
  isAchieved,
  listLoops,
  rejectLoop,
  updateLoop,
} from "../../../src/core/loops";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";

const clock = fixedClock("2026-01-21T14:30:00Z");
const settings = DEFAULT_SETTINGS;

describe("loop store", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-loops-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("creates notes named by id and sanitized title, with ids never reused", async () => {
    const { created } = await createLoops(
      vault,
      settings,
      [{ title: "Is a/b: the [grain]?", models: ["fct_orders"] }],
      { clock, status: "open" },
    );
    expect(created[0].path).toBe("Copilot/Loops/LOOP-001 Is a b the grain.md");
    unlinkSync(join(root, created[0].path));
    const again = await createLoops(vault, settings, [{ title: "Next" }], { clock, status: "proposed" });
    expect(again.created[0].id).toBe("LOOP-002");
    const listed = await listLoops(vault, settings);
    expect(listed.loops.map((l) => [l.id, l.status, l.captured])).toEqual([
      ["LOOP-002", "proposed", "2026-01-21T14:30:00Z"],
    ]);
  });

  test("renumbers ids already taken and ids repeated in one batch, and reports them", async () => {
    await createLoops(vault, settings, [{ title: "One" }, { title: "Two" }], { clock, status: "open" });
    const result = await createLoops(
      vault,
      settings,
      [
        { id: "LOOP-002", title: "Taken" },
        { id: "LOOP-010", title: "Free" },
        { id: "LOOP-010", title: "Twice" },
      ],
      { clock, status: "proposed" },
    );
    // The agent's LOOP-010 is honoured but does not move the register: fresh ids go on from 003.
    expect(result.created.map((l) => l.id)).toEqual(["LOOP-003", "LOOP-010", "LOOP-004"]);
    expect(result.renumbered).toEqual([
      { from: "LOOP-002", to: "LOOP-003", reason: "already taken in the vault" },
      { from: "LOOP-010", to: "LOOP-004", reason: "used twice in this capture" },
    ]);
  });

  test("a note with broken frontmatter is listed as unreadable and never rewritten", async () => {
    const broken = "---\nid: LOOP-005\nstatus: [open\n---\n## Context\nmine\n";
    await vault.write("Copilot/Loops/LOOP-005 Broken.md", broken);
    await createLoops(vault, settings, [{ title: "Fine" }], { clock, status: "open" });
    const listed = await listLoops(vault, settings);
    expect(listed.loops.map((l) => l.id)).toEqual(["LOOP-006"]);
    expect(listed.unreadable).toHaveLength(1);
    expect(listed.unreadable[0].path).toBe("Copilot/Loops/LOOP-005 Broken.md");
    expect(listed.unreadable[0].error).toMatch(/Copilot\/Loops\/LOOP-005 Broken.md:\d+:\d+: Malformed frontmatter/);
    await expect(updateLoop(vault, "Copilot/Loops/LOOP-005 Broken.md", { status: "closed" })).rejects.toThrow(
      /Malformed frontmatter/,
    );
    expect(readFileSync(join(root, "Copilot/Loops/LOOP-005 Broken.md"), "utf8")).toBe(broken);
  });

  test("lifecycle: closing needs an outcome and records the time; illegal moves are refused", async () => {
    const { created } = await createLoops(vault, settings, [{ title: "Grain" }], { clock, status: "proposed" });
    const path = created[0].path;
    await expect(changeLoopStatus(vault, path, "clarifying", { clock })).rejects.toThrow(
      "LOOP-001 cannot go from proposed to clarifying",
    );
    const [approved] = await approveLoops(vault, settings, ["loop-1"], clock);
    expect(approved.status).toBe("open");
    await expect(changeLoopStatus(vault, path, "closed", { clock })).rejects.toThrow(/needs an outcome/);
    const closed = await changeLoopStatus(vault, path, "closed", {
      clock: fixedClock("2026-01-22T08:00:00Z"),
      outcome: { result: "One row per line", evidence: "unique test passes", decision: "DECISION-002" },
    });
    expect(closed).toMatchObject({
      status: "closed",
      closed: "2026-01-22T08:00:00Z",
      outcome: "Result: One row per line\nEvidence: unique test passes\nDecision: [[DECISION-002]]",
    });
    const reopened = await changeLoopStatus(vault, path, "open", { clock });
    expect(reopened.closed).toBeUndefined();
    await expect(approveLoops(vault, settings, ["Grain"], clock)).rejects.toThrow("LOOP-001 is open, not proposed");
    await expect(approveLoops(vault, settings, ["LOOP-404"], clock)).rejects.toThrow('No loop matches "LOOP-404"');
  });

  test("a review approves a proposal with the reviewer's corrections in one edit, and rejects another by closing it", async () => {
    const { created } = await createLoops(
      vault,
      settings,
      [{ title: "Grain", question: "One row?", models: ["fct_orders"] }, { title: "Agent idea" }],
      { clock, status: "proposed" },
    );
    const later = fixedClock("2026-01-21T15:00:00Z");
    const writes: string[] = [];
    const process = vault.process.bind(vault);
    vault.process = (path, edit) => (writes.push(path), process(path, edit));
    const approved = await approveLoop(vault, created[0].path, later, {
      title: "Order grain",
      question: "One row per order_id?",
      models: ["fct_orders", "stg_orders"],
    });
    expect(writes).toEqual([created[0].path]);
    expect(approved).toMatchObject({
      status: "open",
      title: "Order grain",
      question: "One row per order_id?",
      models: ["fct_orders", "stg_orders"],
    });
    const rejected = await rejectLoop(vault, created[1].path, later);
    expect(rejected).toMatchObject({ status: "closed", closed: "2026-01-21T15:00:00Z", outcome: "Rejected in review" });
    expect(readFileSync(join(root, created[1].path), "utf8")).toContain("## Outcome\nRejected in review\n");
  });

  test("closing a proposal rejects it (stamped, not achieved); reopening clears the stamp", async () => {
    const { created } = await createLoops(vault, settings, [{ title: "Idea" }], { clock, status: "proposed" });
    const path = created[0].path;
    const rejected = await changeLoopStatus(vault, path, "closed", { clock, outcome: "Rejected in review" });
    expect(rejected).toMatchObject({ status: "closed", rejected: "2026-01-21T14:30:00Z" });
    expect(isAchieved(rejected)).toBe(false);
    expect(readFileSync(join(root, path), "utf8")).toContain("\nrejected: 2026-01-21T14:30:00Z\n");
    const reopened = await changeLoopStatus(vault, path, "open", { clock });
    expect([reopened.rejected, reopened.closed]).toEqual([undefined, undefined]);
    const done = await changeLoopStatus(vault, path, "closed", { clock, outcome: "Done" });
    expect(isAchieved(done)).toBe(true);
  });

  test("racing status changes both land (vault.process serializes them)", async () => {
    const { created } = await createLoops(vault, settings, [{ title: "Race" }], { clock, status: "open" });
    const path = created[0].path;
    await Promise.all([
      updateLoop(vault, path, { models: ["fct_orders"] }),
      updateLoop(vault, path, { question: "Which grain?" }),
      changeLoopStatus(vault, path, "clarifying", { clock }),
    ]);
    const [loop] = (await listLoops(vault, settings)).loops;
    expect(loop).toMatchObject({ status: "clarifying", models: ["fct_orders"], question: "Which grain?" });
  });
});
