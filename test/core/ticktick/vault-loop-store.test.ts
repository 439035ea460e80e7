// The round trip on real loop notes (FsVault on a temp dir, the loops API), over real HTTP against
// the fake TickTick server: export, clarify in TickTick, import back into the note.

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { changeLoopStatus, createLoops, listLoops, updateLoop } from "../../../src/core/loops";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { vaultLoopStore } from "../../../src/core/ticktick/vault-loop-store";
import { expectNoDuplicates, startHarness, type Harness } from "./sync-harness";

const clock = fixedClock("2026-01-21T14:30:00Z");
let root: string;
let vault: FsVault;
let h: Harness;

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-ticktick-"));
  vault = new FsVault(root);
  h = await startHarness();
  await createLoops(
    vault,
    DEFAULT_SETTINGS,
    [
      {
        title: "Validate invoice grain",
        context: "fct_invoices mixes line and header rows.",
        question: "Is the grain one row per invoice line?",
        models: ["fct_invoices"],
      },
      { title: "Agent idea" },
    ],
    { clock, status: "open" },
  );
  await changeLoopStatus(vault, "Copilot/Loops/LOOP-002 Agent idea.md", "closed", { clock, outcome: "Dropped" });
});
afterEach(async () => {
  await h.server.stop();
  rmSync(root, { recursive: true, force: true });
});

const store = () => vaultLoopStore(vault, DEFAULT_SETTINGS, clock);
const note = (name: string) => readFileSync(join(root, "Copilot/Loops", name), "utf8");

test("a loop exported, clarified remotely (retitled, due, moved) and completed comes back with all of it", async () => {
  expect((await h.sync(store())).created).toBe(2);
  const path = "Copilot/Loops/LOOP-001 Validate invoice grain.md";
  const id = (await listLoops(vault, DEFAULT_SETTINGS)).loops[0].ticktickId!;
  expect(note("LOOP-001 Validate invoice grain.md")).toContain(`ticktick_id: ${id}`);
  expect(h.server.task(id).status).toBe(0);
  const someday = h.server.addProject("Someday");
  h.server.userRetitle(id, "LOOP-001 Ask finance about invoice grain");
  h.server.userSetContent(id, "Next action: email Dana the two invoice ids\n\n" + h.server.task(id).content);
  h.server.userSetDue(id, "2026-01-30");
  h.server.userSetPriority(id, 3);
  h.server.userMove(id, someday);
  h.server.setNow("2026-01-29T16:00:00Z");
  h.server.userComplete(id);
  const report = await h.sync(store());
  expect(report).toMatchObject({ errors: [], clarified: 1, conflicts: [] });
  const text = readFileSync(join(root, path), "utf8");
  expect(text).toMatch(/^title: Ask finance about invoice grain$/m);
  expect(text).toMatch(/^status: closed$/m);
  expect(text).toMatch(/^closed: 2026-01-29T16:00:00Z$/m);
  expect(text).toMatch(/^clarified: 2026-01-22T10:00:00Z$/m);
  expect(text).toMatch(/^due: 2026-01-30$/m);
  expect(text).toMatch(/^priority: medium$/m);
  expect(text).toMatch(/^ticktick_list: Someday$/m);
  expect(text).toContain("## Question\nIs the grain one row per invoice line?");
  expect(text).toContain("## Clarified in TickTick\nNext action: email Dana the two invoice ids\n");
  expect(text.split("Is the grain one row per invoice line?")).toHaveLength(2);
  expect(text).toContain("[[fct_invoices]]");
  const again = await h.sync(store());
  expect(again).toMatchObject({ created: 0, updated: 0, clarified: 0, imported: 0, errors: [] });
  expect(readFileSync(join(root, path), "utf8")).toBe(text);
  expectNoDuplicates(h.server);
});

test("a new tagged task becomes a new open loop note with a fresh id, linked both ways", async () => {
  await h.sync(store());
  const created = h.server.userCreateTask({
    title: "Check late refunds",
    content: "Refunds arrive days late?",
    tags: ["decp"],
  });
  expect((await h.sync(store())).imported).toBe(1);
  const loops = (await listLoops(vault, DEFAULT_SETTINGS)).loops;
  const loop = loops.find((l) => l.ticktickId === created.id)!;
  expect(loop).toMatchObject({
    id: "LOOP-003",
    status: "open",
    title: "Check late refunds",
    question: "Refunds arrive days late?",
  });
  expect(h.server.task(created.id).title).toBe("LOOP-003 Check late refunds");
  expect(h.server.task(created.id).content).toMatch(/^decp:LOOP-003$/m);
  expect((await h.sync(store())).imported).toBe(0);
  expect((await listLoops(vault, DEFAULT_SETTINGS)).loops).toHaveLength(3);
});

test("a local edit made in the note is pushed and the clarified section survives later edits", async () => {
  await h.sync(store());
  const path = "Copilot/Loops/LOOP-001 Validate invoice grain.md";
  const id = (await listLoops(vault, DEFAULT_SETTINGS)).loops[0].ticktickId!;
  h.server.userSetContent(id, "Waiting on Dana");
  await h.sync(store());
  await updateLoop(vault, path, { question: "Which rows are headers?" });
  await h.sync(store());
  expect(h.server.task(id).content).toContain("Which rows are headers?");
  expect(readFileSync(join(root, path), "utf8")).toContain("## Clarified in TickTick\nWaiting on Dana");
});

test("a rejected proposal is never exported as a completed task; an approved-then-closed loop is", async () => {
  const { created } = await createLoops(vault, DEFAULT_SETTINGS, [{ title: "Make it incremental" }], {
    clock,
    status: "proposed",
  });
  await changeLoopStatus(vault, created[0].path, "closed", { clock, outcome: "Rejected in review" });
  expect((await listLoops(vault, DEFAULT_SETTINGS)).loops.find((l) => l.id === created[0].id)).toMatchObject({
    status: "closed",
    rejected: "2026-01-21T14:30:00Z",
  });
  const report = await h.sync(store());
  expect(report.created).toBe(2);
  const titles = h.server.allTasks().map((t) => t.title);
  expect(titles).toEqual(expect.arrayContaining(["LOOP-001 Validate invoice grain", "LOOP-002 Agent idea"]));
  expect(titles.some((t) => t.includes("Make it incremental"))).toBe(false);
});
