// A loop closed before its first export: the task is created, then completed. When the completion
// does not go through (token expired, rate limit), the created task must still be remembered as
// agreed "open", so the next sync completes it instead of treating it as first contact (where the
// remote side wins status and would reopen the loop).

import { MemoryLoopStore } from "../../fakes/memory-loop-store";
import { expectNoDuplicates, startHarness, type Harness } from "./sync-harness";

let h: Harness;
let store: MemoryLoopStore;

beforeEach(async () => {
  h = await startHarness();
  store = new MemoryLoopStore();
  store.add({ id: "LOOP-001", title: "Grain", question: "Is it one row per line?", status: "closed" });
});
afterEach(async () => h.server.stop());

test.each([
  ["an expired token", { kind: "401" as const, times: 1 }],
  ["a rate limit that outlasts the retries", { kind: "limit500" as const, times: 6 }],
])(
  "a closed loop whose completion failed after export (%s) stays closed and completes its task next time",
  async (_name, fault) => {
    h.server.fail({ ...fault, method: "POST", path: /\/complete$/ });
    const first = await h.sync(store);
    expect(first.errors.length).toBeGreaterThan(0);
    const id = store.get("LOOP-001").ticktickId!;
    expect(h.server.task(id).status).toBe(0);
    // Meanwhile the user retitles the still-open task in TickTick.
    h.server.userRetitle(id, "LOOP-001 Grain of invoices");
    h.server.clearFaults();
    const second = await h.sync(store);
    expect(second.errors).toEqual([]);
    expect(store.get("LOOP-001")).toMatchObject({ status: "closed", title: "Grain of invoices" });
    expect(h.server.task(id).status).toBe(2);
    expect(h.state.state.outbox).toEqual([]);
    const again = await h.sync(store);
    expect(again).toMatchObject({ created: 0, updated: 0, imported: 0, clarified: 0, conflicts: [], errors: [] });
    expectNoDuplicates(h.server);
  },
);

test("a loop imported from TickTick whose marking update failed keeps a local close made before the next sync", async () => {
  store.loops = [];
  const task = h.server.userCreateTask({ title: "Check refunds", tags: ["decp"] });
  h.server.fail({ kind: "401", method: "POST", path: `/task/${task.id}` });
  const first = await h.sync(store);
  expect(first.authRequired).toBe(true);
  const [loop] = store.loops;
  expect(loop.ticktickId).toBe(task.id);
  loop.status = "closed";
  h.server.clearFaults();
  const second = await h.sync(store);
  expect(second.errors).toEqual([]);
  expect(store.loops).toHaveLength(1);
  expect(loop.status).toBe("closed");
  expect(h.server.task(task.id)).toMatchObject({ status: 2, title: `${loop.id} Check refunds` });
  expect(h.server.task(task.id).content).toContain(`decp:${loop.id}`);
  const again = await h.sync(store);
  expect(again).toMatchObject({ created: 0, updated: 0, imported: 0, clarified: 0, conflicts: [], errors: [] });
});
