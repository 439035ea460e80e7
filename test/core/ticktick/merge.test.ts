// The three-way merge, a row per case: what the last agreed snapshot, the loop note and the task
// say, and what goes to TickTick (push), into the note (pull) and into the report (conflicts).

import { mergeFields, type FieldConflict, type MergeResult } from "../../../src/core/ticktick/merge";
import type { SyncFields } from "../../../src/core/ticktick/mapping";

const agreed: SyncFields = {
  title: "Validate invoice grain",
  status: "open",
  content: "Is the grain one row per invoice line?\n\nOpen in Obsidian: obsidian://open?vault=v&file=a\ndecp:LOOP-001",
  due: "",
  priority: "none",
  list: "inbox",
};

const fields = (changes: Partial<SyncFields>): SyncFields => ({ ...agreed, ...changes });
const conflict = (field: FieldConflict["field"], local: string, remote: string, kept: "local" | "remote") => ({
  field,
  local,
  remote,
  kept,
});

type Row = [string, Partial<SyncFields>, Partial<SyncFields>, MergeResult];

const rows: Row[] = [
  ["nothing changed", {}, {}, { push: {}, pull: {}, conflicts: [] }],
  ["title edited in the note", { title: "Grain" }, {}, { push: { title: "Grain" }, pull: {}, conflicts: [] }],
  [
    "title edited in TickTick",
    {},
    { title: "Ask finance" },
    { push: {}, pull: { title: "Ask finance" }, conflicts: [] },
  ],
  [
    "title edited on both sides: TickTick wins, reported",
    { title: "Grain" },
    { title: "Ask finance" },
    { push: {}, pull: { title: "Ask finance" }, conflicts: [conflict("title", "Grain", "Ask finance", "remote")] },
  ],
  ["the same title edit on both sides", { title: "Grain" }, { title: "Grain" }, { push: {}, pull: {}, conflicts: [] }],
  [
    "closed in the note, waiting for in TickTick: TickTick wins",
    { status: "closed" },
    { status: "clarifying" },
    { push: {}, pull: { status: "clarifying" }, conflicts: [conflict("status", "closed", "clarifying", "remote")] },
  ],
  [
    "question edited on both sides: the note wins, TickTick's text is kept in the note",
    { content: "Which rows are headers?" },
    { content: "Waiting on Dana" },
    {
      push: { content: "Which rows are headers?" },
      pull: { content: "Waiting on Dana" },
      conflicts: [conflict("content", "Which rows are headers?", "Waiting on Dana", "local")],
    },
  ],
  [
    "question edited in the note, TickTick's text emptied to the marker: nothing to keep",
    { content: "Which rows are headers?" },
    { content: "decp:LOOP-001" },
    {
      push: { content: "Which rows are headers?" },
      pull: {},
      conflicts: [conflict("content", "Which rows are headers?", "decp:LOOP-001", "local")],
    },
  ],
  [
    "text added in TickTick only",
    {},
    { content: "Next action: email Dana\n\n" + agreed.content },
    { push: {}, pull: { content: "Next action: email Dana\n\n" + agreed.content }, conflicts: [] },
  ],
  [
    "only the generated link moved (the note was renamed): no change",
    { content: agreed.content.replace("file=a", "file=b") },
    {},
    { push: {}, pull: {}, conflicts: [] },
  ],
  ["list changed in the note: an update cannot move a task", { list: "p1" }, {}, { push: {}, pull: {}, conflicts: [] }],
  ["task moved in TickTick", {}, { list: "p2" }, { push: {}, pull: { list: "p2" }, conflicts: [] }],
  [
    "list changed on both sides: TickTick wins",
    { list: "p1" },
    { list: "p2" },
    { push: {}, pull: { list: "p2" }, conflicts: [conflict("list", "p1", "p2", "remote")] },
  ],
  [
    "due set in the note, priority set in TickTick",
    { due: "2026-01-30" },
    { priority: "high" },
    { push: { due: "2026-01-30" }, pull: { priority: "high" }, conflicts: [] },
  ],
];

test.each(rows)("%s", (_name, local, remote, expected) => {
  expect(mergeFields({ local: agreed, remote: agreed }, fields(local), fields(remote))).toEqual(expected);
});

describe("first contact (a task adopted without a snapshot)", () => {
  test("differences follow the policy and are not reported as conflicts", () => {
    const local = fields({ title: "Grain", content: "Which rows are headers?" });
    const remote = fields({ title: "Ask finance", content: "Waiting on Dana", priority: "low" });
    expect(mergeFields(undefined, local, remote)).toEqual({
      push: { content: "Which rows are headers?" },
      pull: { title: "Ask finance", content: "Waiting on Dana", priority: "low" },
      conflicts: [],
    });
  });

  test("sides that agree need nothing", () => {
    expect(mergeFields(undefined, agreed, agreed)).toEqual({ push: {}, pull: {}, conflicts: [] });
  });
});

test("each side is compared with its own base", () => {
  const base = { local: agreed, remote: fields({ title: "LOOP-001 as TickTick shows it" }) };
  const remote = fields({ title: "LOOP-001 as TickTick shows it" });
  expect(mergeFields(base, fields({ title: "Grain" }), remote)).toEqual({
    push: { title: "Grain" },
    pull: {},
    conflicts: [],
  });
});
