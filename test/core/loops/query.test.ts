import { Settings } from "luxon";
import { filterLoops, parseLoopQuery, relativeTo, type LoopQuery } from "../../../src/core/loops/query";
import type { Loop } from "../../../src/core/loops/loop";

Settings.defaultZone = "UTC";
const now = new Date("2026-01-21T16:00:00Z");

function loop(id: string, patch: Partial<Loop>): Loop {
  return {
    id,
    status: "open",
    title: id,
    captured: "2026-01-21T10:00:00Z",
    models: [],
    context: "",
    question: "",
    outcome: "",
    path: `${id}.md`,
    ...patch,
  };
}

const loops = [
  loop("LOOP-001", { status: "open", models: ["fct_orders"], session: "2026-01-21" }),
  loop("LOOP-002", {
    status: "clarifying",
    models: ["stg_orders"],
    captured: "2026-01-10T09:00:00Z",
    session: "2026-01-10",
  }),
  loop("LOOP-003", { status: "closed", closed: "2026-01-20T12:00:00Z", captured: "2025-12-01T09:00:00Z" }),
  loop("LOOP-004", {
    status: "proposed",
    models: ["fct_orders", "dim_customers"],
    captured: "2026-01-18T09:00:00Z",
    session: "2026-01-20",
  }),
];

describe("decp-loops query", () => {
  test.each<[string, LoopQuery, string[]]>([
    ["", {}, ["LOOP-001", "LOOP-002", "LOOP-003", "LOOP-004"]],
    ["status: open", { status: ["open"] }, ["LOOP-001"]],
    ["status: open, clarifying", { status: ["open", "clarifying"] }, ["LOOP-001", "LOOP-002"]],
    ["model: fct_orders", { models: ["fct_orders"] }, ["LOOP-001", "LOOP-004"]],
    ["model: [[stg_orders]]", { models: ["stg_orders"] }, ["LOOP-002"]],
    ["session: 2026-01-21", { sessions: ["2026-01-21"] }, ["LOOP-001"]],
    ["session: today", { sessions: ["today"] }, ["LOOP-001"]],
    ["session: yesterday", { sessions: ["yesterday"] }, ["LOOP-004"]],
    ["captured: last 7 days", { captured: { kind: "last", amount: 7, unit: "days" } }, ["LOOP-001", "LOOP-004"]],
    ["captured: today", { captured: { kind: "last", amount: 0, unit: "days" } }, ["LOOP-001"]],
    [
      "captured: since 2026-01-10",
      { captured: { kind: "since", date: "2026-01-10" } },
      ["LOOP-001", "LOOP-002", "LOOP-004"],
    ],
    ["captured: before 2026-01-01", { captured: { kind: "before", date: "2026-01-01" } }, ["LOOP-003"]],
    ["captured: 2026-01-18", { captured: { kind: "on", date: "2026-01-18" } }, ["LOOP-004"]],
    ["closed: last 2 weeks", { closed: { kind: "last", amount: 2, unit: "weeks" } }, ["LOOP-003"]],
    [
      "# comment\n\nstatus: proposed, open\nmodel: fct_orders\nlimit: 1",
      { status: ["proposed", "open"], models: ["fct_orders"], limit: 1 },
      ["LOOP-001"],
    ],
  ])("%j", (source, query, ids) => {
    expect(parseLoopQuery(source)).toEqual(query);
    expect(filterLoops(loops, parseLoopQuery(source), now).map((l) => l.id)).toEqual(ids);
  });

  test.each([
    ["status: done", 'Query.md:1: Unknown status "done". Use one of: proposed, open, clarifying, closed'],
    [
      "status: open\nowner: me",
      'Query.md:2: Unknown key "owner". Use one of: status, model, session, captured, closed, limit',
    ],
    [
      "captured: lately",
      'Query.md:1: Cannot read the date window "lately". Write "today", "last 7 days", "last 2 weeks", "since 2026-01-01", "before 2026-01-01" or a date like 2026-01-21',
    ],
    [
      "captured: 2026-13-45",
      'Query.md:1: Cannot read the date window "2026-13-45". Write "today", "last 7 days", "last 2 weeks", "since 2026-01-01", "before 2026-01-01" or a date like 2026-01-21',
    ],
    [
      "\njust words",
      'Query.md:2: Line "just words" is not "key: value". Use one of: status, model, session, captured, closed, limit',
    ],
    ["model:", 'Query.md:1: "model" has no value. Write a value after the colon'],
    ["limit: 0", 'Query.md:1: limit must be a whole number above 0, not "0"'],
  ])("rejects %j", (source, message) => {
    try {
      parseLoopQuery(source, "Query.md");
      throw new Error("expected a UserError");
    } catch (error) {
      expect((error as { describe(): string }).describe()).toBe(message);
    }
  });

  test("relative dates read like a person would say them", () => {
    expect(relativeTo("2026-01-18T16:00:00Z", now)).toBe("3 days ago");
    expect(relativeTo("not a date", now)).toBe("not a date");
  });
});
