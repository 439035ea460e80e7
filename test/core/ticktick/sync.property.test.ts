// Random interleavings of local edits, remote edits (as the user in TickTick) and faults, over real
// HTTP. Invariants: never two tasks for one loop, never two loops for one task, no loop text lost,
// and after a clean sync every loop has exactly one task and the outbox is empty.

import fc from "fast-check";
import type { FaultKind } from "../../fakes/ticktick-server";
import { MemoryLoopStore } from "../../fakes/memory-loop-store";
import { expectNoDuplicates, startHarness } from "./sync-harness";

type Action =
  | { kind: "sync" }
  | { kind: "fault"; fault: FaultKind; method: "GET" | "POST"; times: number }
  | { kind: "localQuestion"; loop: number; text: string }
  | { kind: "localStatus"; loop: number; status: "open" | "clarifying" | "closed" }
  | { kind: "addLoop" }
  | {
      kind: "remote";
      loop: number;
      edit: "retitle" | "content" | "due" | "priority" | "complete" | "move";
      text: string;
    }
  | { kind: "remoteNew"; text: string };

const word = fc.stringMatching(/^[a-z]{3,8}$/);
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.constant({ kind: "sync" as const }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant("fault" as const),
      fault: fc.constantFrom<FaultKind>("429", "limit500", "401", "dropAfterApply", "500AfterApply", "201Empty"),
      method: fc.constantFrom<"GET" | "POST">("GET", "POST"),
      times: fc.integer({ min: 1, max: 3 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("localQuestion" as const), loop: fc.nat(5), text: word }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant("localStatus" as const),
      loop: fc.nat(5),
      status: fc.constantFrom<"open" | "clarifying" | "closed">("open", "clarifying", "closed"),
    }),
    weight: 1,
  },
  { arbitrary: fc.constant({ kind: "addLoop" as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant("remote" as const),
      loop: fc.nat(5),
      edit: fc.constantFrom<"retitle" | "content" | "due" | "priority" | "complete" | "move">(
        "retitle",
        "content",
        "due",
        "priority",
        "complete",
        "move",
      ),
      text: word,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant("remoteNew" as const), text: word }), weight: 1 },
);

test("random interleavings of edits and faults never duplicate and never lose text", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
      const h = await startHarness();
      try {
        const store = new MemoryLoopStore();
        store.add({ id: "LOOP-001", question: "First question?" });
        store.add({ id: "LOOP-002", question: "Second question?", status: "clarifying" });
        const someday = h.server.addProject("Someday");
        const questions = new Map(store.loops.map((l) => [l.id, l.question]));
        const remoteText = new Map<string, string>();
        const newTasks: string[] = [];
        for (const step of actions) {
          const loop = "loop" in step ? store.loops[step.loop % store.loops.length] : undefined;
          const task = loop?.ticktickId ? h.server.allTasks().find((t) => t.id === loop.ticktickId) : undefined;
          switch (step.kind) {
            case "sync":
              await h.sync(store);
              break;
            case "fault":
              h.server.fail({ kind: step.fault, method: step.method, times: step.times });
              break;
            case "localQuestion":
              loop!.question = `Local ${step.text}?`;
              questions.set(loop!.id, loop!.question);
              break;
            case "localStatus":
              loop!.status = step.status;
              break;
            case "addLoop": {
              const id = `LOOP-${String(store.loops.length + 101)}`;
              store.add({ id, question: `Question of ${id}?` });
              questions.set(id, `Question of ${id}?`);
              break;
            }
            case "remote":
              if (!task || task.status === 2) break;
              if (step.edit === "retitle") h.server.userRetitle(task.id, `${loop!.id} Remote ${step.text}`);
              if (step.edit === "content") {
                h.server.userSetContent(task.id, `${task.content ?? ""}\nRemote ${step.text}`);
                remoteText.set(loop!.id, `Remote ${step.text}`);
              }
              if (step.edit === "due") h.server.userSetDue(task.id, "2026-02-10", "Asia/Tokyo");
              if (step.edit === "priority") h.server.userSetPriority(task.id, 3);
              if (step.edit === "complete") h.server.userComplete(task.id);
              if (step.edit === "move") h.server.userMove(task.id, someday);
              break;
            case "remoteNew":
              newTasks.push(h.server.userCreateTask({ title: `New ${step.text}`, tags: ["decp"] }).id);
              break;
          }
          expectNoDuplicates(h.server);
        }
        h.server.clearFaults();
        const final = await h.sync(store);
        expect(final.errors).toEqual([]);
        expect(h.state.state.outbox).toEqual([]);
        expectNoDuplicates(h.server);
        const tasks = h.server.allTasks();
        for (const loop of store.loops) {
          expect(tasks.filter((t) => t.id === loop.ticktickId)).toHaveLength(1);
          if (questions.has(loop.id)) expect(loop.question).toBe(questions.get(loop.id));
          const remote = remoteText.get(loop.id);
          if (remote) {
            const task = tasks.find((t) => t.id === loop.ticktickId)!;
            expect(`${loop.clarifiedText ?? ""}\n${task.content ?? ""}`).toContain(remote);
          }
        }
        for (const id of newTasks) expect(store.loops.filter((l) => l.ticktickId === id)).toHaveLength(1);
        expect(new Set(store.loops.map((l) => l.ticktickId)).size).toBe(store.loops.length);
        const again = await h.sync(store);
        expect(again).toMatchObject({ created: 0, updated: 0, imported: 0, clarified: 0, errors: [] });
      } finally {
        await h.server.stop();
      }
    }),
    { numRuns: 40 },
  );
});
