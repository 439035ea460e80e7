// The sync engine over real HTTP against the fake TickTick server: export, clarify in TickTick,
// import back, and every quirk and fault ending with no duplicate task and no lost loop text.

import { MemoryLoopStore } from "../../fakes/memory-loop-store";
import { expectNoDuplicates, startHarness, type Harness } from "./sync-harness";

let h: Harness;
let store: MemoryLoopStore;

beforeEach(async () => {
  h = await startHarness();
  store = new MemoryLoopStore();
});
afterEach(async () => h.server.stop());

test("an approved loop is exported with its id prefix, marker and link; proposed loops stay home", async () => {
  store.add({ id: "LOOP-007", title: "Validate invoice grain", question: "Is the grain one row per invoice line?" });
  store.add({ id: "LOOP-008", status: "proposed" });
  const report = await h.sync(store);
  expect(report).toMatchObject({ created: 1, errors: [] });
  const [task] = h.server.allTasks();
  expect(task.title).toBe("LOOP-007 Validate invoice grain");
  expect(task.projectId).toBe(h.server.inboxId);
  expect(task.content).toContain("Is the grain one row per invoice line?");
  expect(task.content).toContain("obsidian://open?vault=Work%20vault&file=Copilot%2FLoops%2FLOOP-007");
  expect(task.content).toMatch(/^decp:LOOP-007$/m);
  expect(store.get("LOOP-007").ticktickId).toBe(task.id);
  expect((await h.sync(store)).created).toBe(0);
  expectNoDuplicates(h.server);
});

test("a loop retitled, dated, moved and completed in TickTick comes back with all of it", async () => {
  store.add({ id: "LOOP-007", title: "Validate invoice grain" });
  await h.sync(store);
  const id = store.get("LOOP-007").ticktickId!;
  const someday = h.server.addProject("Someday");
  h.server.userRetitle(id, "LOOP-007 Ask finance about invoice grain");
  h.server.userSetContent(id, h.server.task(id).content + "\n\nNext action: email Dana");
  h.server.userSetDue(id, "2026-01-30", "Europe/Berlin");
  h.server.userSetPriority(id, 5);
  h.server.userMove(id, someday);
  h.server.setNow("2026-01-29T16:00:00Z");
  h.server.userComplete(id);
  const report = await h.sync(store);
  expect(report.errors).toEqual([]);
  const loop = store.get("LOOP-007");
  expect(loop).toMatchObject({
    title: "Ask finance about invoice grain",
    status: "closed",
    closed: "2026-01-29T16:00:00Z",
    due: "2026-01-30",
    priority: "high",
    list: "Someday",
    clarified: "2026-01-22T10:00:00Z",
  });
  expect(loop.clarifiedText).toContain("Next action: email Dana");
  expect(loop.question).toBe("Question of LOOP-007?");
  // Agreed: a second sync changes nothing on either side.
  const again = await h.sync(store);
  expect(again).toMatchObject({ created: 0, updated: 0, clarified: 0, conflicts: [] });
  expectNoDuplicates(h.server);
});

test("local edits are pushed as a full object; a closed loop completes its task", async () => {
  store.add({ id: "LOOP-001", title: "Grain" });
  await h.sync(store);
  const loop = store.get("LOOP-001");
  loop.question = "Is the grain per line?";
  loop.status = "clarifying";
  let report = await h.sync(store);
  expect(report.updated).toBe(1);
  const task = h.server.task(loop.ticktickId!);
  expect(task.content).toContain("Is the grain per line?");
  expect(task.tags).toEqual(["waiting-for"]);
  loop.status = "closed";
  report = await h.sync(store);
  expect(h.server.task(loop.ticktickId!).status).toBe(2);
  expect(report.errors).toEqual([]);
});

test("conflicts follow the stated policy, are reported, and lose no text", async () => {
  store.add({ id: "LOOP-002", title: "Grain" });
  await h.sync(store);
  const loop = store.get("LOOP-002");
  const id = loop.ticktickId!;
  loop.title = "Local title";
  loop.question = "Local question?";
  h.server.userRetitle(id, "LOOP-002 Remote title");
  h.server.userSetContent(id, "Remote clarification");
  const report = await h.sync(store);
  expect(report.conflicts).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        loopId: "LOOP-002",
        field: "title",
        kept: "remote",
        local: "Local title",
        remote: "Remote title",
      }),
      expect.objectContaining({ loopId: "LOOP-002", field: "content", kept: "local" }),
    ]),
  );
  expect(store.get("LOOP-002").title).toBe("Remote title");
  expect(store.get("LOOP-002").clarifiedText).toBe("Remote clarification");
  expect(h.server.task(id).content).toContain("Local question?");
});

test("new tasks with the import tag or in the import list become new open loops, once", async () => {
  const imports = h.server.addProject("To loops");
  h.settings.importListId = imports;
  store.add({ id: "LOOP-004" });
  await h.sync(store);
  h.server.userCreateTask({
    title: "Check refund late arrivals",
    content: "Dana says refunds arrive late",
    tags: ["decp"],
  });
  h.server.userCreateTask({ title: "Backfill window?", projectId: imports });
  h.server.userCreateTask({ title: "Buy milk" });
  const report = await h.sync(store);
  expect(report.imported).toBe(2);
  const titles = store.loops.map((l) => `${l.id} ${l.title}`).sort();
  expect(titles).toEqual([
    "LOOP-004 Title of LOOP-004",
    "LOOP-005 Check refund late arrivals",
    "LOOP-006 Backfill window?",
  ]);
  expect(store.get("LOOP-005").question).toBe("Dana says refunds arrive late");
  expect(h.server.allTasks().find((t) => t.title.endsWith("Check refund late arrivals"))!.title).toBe(
    "LOOP-005 Check refund late arrivals",
  );
  expect((await h.sync(store)).imported).toBe(0);
  expect(store.loops).toHaveLength(3);
  expectNoDuplicates(h.server);
});

test("a dry run reads but writes nothing on either side and says what it would do", async () => {
  store.add({ id: "LOOP-001" });
  const report = await h.sync(store, { dryRun: true });
  expect(report.actions).toEqual(["Create TickTick task for LOOP-001"]);
  expect(h.server.allTasks()).toHaveLength(0);
  expect(store.get("LOOP-001").ticktickId).toBeUndefined();
  expect(h.state.state.snapshots).toEqual({});
  expect(h.server.requests.every((r) => r.method === "GET" || r.path === "/open/v1/task/completed")).toBe(true);
});

test("waiting for as a list: a task moved there clarifies the loop; a local clarify asks the user to move it", async () => {
  const waiting = h.server.addProject("Waiting for");
  h.settings.waitingMode = "list";
  h.settings.waitingListId = waiting;
  store.add({ id: "LOOP-001" });
  store.add({ id: "LOOP-002" });
  await h.sync(store);
  h.server.userMove(store.get("LOOP-001").ticktickId!, waiting);
  store.get("LOOP-002").status = "clarifying";
  const report = await h.sync(store);
  expect(store.get("LOOP-001")).toMatchObject({ status: "clarifying", list: "Waiting for" });
  expect(report.skipped).toEqual(["LOOP-002: now clarifying; move its task to the waiting-for list in TickTick"]);
  expect(store.get("LOOP-002").status).toBe("clarifying");
  const again = await h.sync(store);
  expect(again).toMatchObject({ updated: 0, clarified: 0, skipped: [] });
  expect(store.get("LOOP-002").status).toBe("clarifying");
});
