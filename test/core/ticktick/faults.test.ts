// Every TickTick quirk and fault, one row each, over real HTTP: afterwards there is exactly one task
// per loop and no loop text is lost.

import type { FaultSpec } from "../../fakes/ticktick-server";
import { MemoryLoopStore } from "../../fakes/memory-loop-store";
import { expectNoDuplicates, startHarness, type Harness } from "./sync-harness";

let h: Harness;
let store: MemoryLoopStore;

beforeEach(async () => {
  h = await startHarness();
  store = new MemoryLoopStore();
  store.add({ id: "LOOP-001", title: "Grain", question: "Is it one row per line?" });
  store.add({ id: "LOOP-002", title: "Refunds", question: "Do refunds arrive late?", status: "clarifying" });
  store.add({ id: "LOOP-003", title: "Currency", question: "Which rate table?", status: "closed" });
});
afterEach(async () => h.server.stop());

function expectIntact(): void {
  expectNoDuplicates(h.server);
  const tasks = h.server.allTasks();
  for (const loop of store.loops) {
    const task = tasks.filter((t) => t.title.startsWith(loop.id + " "));
    expect(task).toHaveLength(1);
    expect(task[0].content).toContain(loop.question);
  }
  expect(store.loops.map((l) => l.question)).toEqual([
    "Is it one row per line?",
    "Do refunds arrive late?",
    "Which rate table?",
  ]);
}

const createFaults: [string, FaultSpec][] = [
  ["201 with no body", { kind: "201Empty", method: "POST", path: "/task" }],
  ["timeout after the server applied it", { kind: "timeoutAfterApply", method: "POST", path: "/task" }],
  ["connection cut after the server applied it", { kind: "dropAfterApply", method: "POST", path: "/task" }],
  ["500 after the server applied it", { kind: "500AfterApply", method: "POST", path: "/task" }],
  ["429 rate limit", { kind: "429", method: "POST", path: "/task", times: 3 }],
  ["500 exceed_query_limit", { kind: "limit500", method: "POST", path: "/task", times: 2 }],
  ["rate limit on reads", { kind: "429", method: "GET", times: 4 }],
];

test.each(createFaults)("a create answered with %s never duplicates", async (_name, fault) => {
  h.server.fail(fault);
  const report = await h.sync(store);
  expect(h.server.pendingFaults()).toBe(0);
  expect(report.errors).toEqual([]);
  expect(report.created).toBe(3);
  expectIntact();
  expect(h.state.state.outbox).toEqual([]);
  expect((await h.sync(store)).created).toBe(0);
  expectIntact();
});

test("rate limits back off through the injected sleep, honouring Retry-After", async () => {
  h.server.fail({ kind: "429", method: "POST", path: "/task", times: 2 });
  h.server.fail({ kind: "limit500", method: "GET", path: "/project", times: 2 });
  await h.sync(store);
  expect(h.server.pendingFaults()).toBe(0);
  expect(h.sleeps).toEqual([1000, 2000, 1000, 1000]);
  expectIntact();
});

test("every create answering 201 with no body is adopted by marker", async () => {
  h.server.quirks.createAnswers201Empty = true;
  const report = await h.sync(store);
  expect(report).toMatchObject({ created: 3, errors: [] });
  expectIntact();
  expect(store.loops.every((l) => l.ticktickId)).toBe(true);
});

test("an unknown create outcome whose look-up also fails is left in the outbox and resolved next time", async () => {
  h.server.fail({ kind: "dropAfterApply", method: "POST", path: "/task" });
  h.server.onRequest = (method, path) => {
    // Once the create is in flight, the marker look-up keeps hitting the rate limit.
    if (method === "POST" && path === "/task")
      h.server.fail({ kind: "limit500", method: "GET", path: "/project/inbox/data", times: 99 });
  };
  const first = await h.sync(store);
  expect(first.errors.length).toBeGreaterThan(0);
  expect(h.state.state.outbox.some((e) => e.kind === "create" && e.unknownOutcome)).toBe(true);
  h.server.onRequest = undefined;
  h.server.clearFaults();
  const second = await h.sync(store);
  expect(second.errors).toEqual([]);
  expect(h.state.state.outbox).toEqual([]);
  expectIntact();
});

test("a crash right after TickTick applied a create resumes from the outbox without a duplicate", async () => {
  // The process dies after the create was answered, before the task id reached the note.
  const realApply = store.apply.bind(store);
  store.apply = async (loop, change) => {
    if (change.ticktickId && loop.id === "LOOP-002") throw new Error("process killed");
    return realApply(loop, change);
  };
  await h.sync(store);
  expect(h.state.state.outbox).toEqual([expect.objectContaining({ kind: "create", key: "LOOP-002" })]);
  expect(store.get("LOOP-002").ticktickId).toBeUndefined();
  store.apply = realApply;
  const report = await h.sync(store);
  expect(report).toMatchObject({ created: 0, errors: [] });
  expect(store.get("LOOP-002").ticktickId).toBeDefined();
  expect(h.state.state.outbox).toEqual([]);
  expectIntact();
});

test("an expired token stops the sync, asks to reconnect and loses nothing", async () => {
  await h.sync(store);
  store.get("LOOP-001").question = "Is it one row per invoice line?";
  store.add({ id: "LOOP-004", title: "New", question: "New question?" });
  h.server.fail({ kind: "401", method: "POST", path: /^\/task\/[0-9a-f]{24}$/ });
  const report = await h.sync(store);
  expect(report.authRequired).toBe(true);
  expect(report.errors[0]).toMatch(/Reconnect TickTick/);
  expect(h.state.state.outbox.length).toBeGreaterThan(0);
  const after = await h.sync(store);
  expect(after.errors).toEqual([]);
  expect(h.state.state.outbox).toEqual([]);
  expect(h.server.allTasks().find((t) => t.title.startsWith("LOOP-001"))!.content).toContain(
    "one row per invoice line?",
  );
  expect(h.server.allTasks().filter((t) => t.title.startsWith("LOOP-004"))).toHaveLength(1);
});

test("an update with a stale projectId (task moved mid-sync) is not taken as success", async () => {
  await h.sync(store);
  const someday = h.server.addProject("Someday");
  const loop = store.get("LOOP-001");
  loop.question = "Edited locally?";
  let moved = false;
  h.server.onRequest = (method, path) => {
    if (!moved && method === "POST" && path === `/task/${loop.ticktickId}`) {
      moved = true;
      h.server.userMove(loop.ticktickId!, someday);
    }
  };
  const report = await h.sync(store);
  expect(
    h.server.requests.some(
      (r) => r.path === `/open/v1/task/${loop.ticktickId}` && r.status === 200 && r.body.includes(h.server.inboxId),
    ),
  ).toBe(true);
  expect(report.errors).toEqual([]);
  const task = h.server.task(loop.ticktickId!);
  expect(task.projectId).toBe(someday);
  expect(task.content).toContain("Edited locally?");
});

test.each([
  ["inbox listed by /project", { inboxHidden: false }],
  ["dates with milliseconds", { milliseconds: true }],
])("quirk switched: %s", async (_name, quirks) => {
  Object.assign(h.server.quirks, quirks);
  await h.sync(store);
  const id = store.get("LOOP-001").ticktickId!;
  h.server.userSetDue(id, "2026-02-03T08:15:00Z");
  h.server.setNow("2026-02-01T12:00:00Z");
  h.server.userComplete(id);
  await h.sync(store);
  expect(store.get("LOOP-001")).toMatchObject({
    due: "2026-02-03T08:15:00Z",
    status: "closed",
    closed: "2026-02-01T12:00:00Z",
  });
  expectIntact();
});

test.each([
  ["Europe/Berlin", "2026-01-30"],
  ["America/New_York", "2026-01-30"],
  ["Asia/Tokyo", "2026-03-01"],
  ["UTC", "2026-01-30"],
])("an all-day date stored as local midnight in %s comes back as its calendar day", async (zone, day) => {
  await h.sync(store);
  const id = store.get("LOOP-002").ticktickId!;
  h.server.userSetDue(id, day, zone);
  await h.sync(store);
  expect(store.get("LOOP-002").due).toBe(day);
});

test.each([
  [0, "none"],
  [1, "low"],
  [3, "medium"],
  [5, "high"],
] as const)("priority %i comes back as %s and goes out the same", async (number, word) => {
  await h.sync(store);
  const id = store.get("LOOP-001").ticktickId!;
  h.server.userSetPriority(id, number === 0 ? 1 : 0);
  await h.sync(store);
  h.server.userSetPriority(id, number);
  await h.sync(store);
  expect(store.get("LOOP-001").priority).toBe(word);
  store.get("LOOP-001").question = "Changed to force a push";
  await h.sync(store);
  expect(h.server.task(id).priority).toBe(number);
});

test("deletion is never inferred: an unreadable note or a missing task deletes nothing", async () => {
  await h.sync(store);
  const gone = store.loops.splice(0, 1)[0];
  store.unreadable.push({ path: gone.path, error: "Malformed frontmatter" });
  const report = await h.sync(store);
  expect(report.skipped.join("\n")).toMatch(/LOOP-001: note not found/);
  expect(h.server.allTasks()).toHaveLength(3);
  expect(h.server.requests.some((r) => r.method === "DELETE")).toBe(false);
});
