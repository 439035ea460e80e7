import fc from "fast-check";
import { applyLoopPatch, parseLoopNote, renderLoopNote } from "../../../src/core/loops/loop-note";
import { LOOP_PRIORITIES, LOOP_STATUSES, type Loop } from "../../../src/core/loops/loop";

const example: Loop = {
  id: "LOOP-007",
  status: "open",
  title: "Validate Chargebee invoice mixed-type assumption",
  captured: "2026-01-21T14:30:00Z",
  session: "2026-01-21",
  models: ["fct_invoices"],
  ticktickId: "65a1f0c2e4b0a1b2c3d4e5f6",
  context: "Why this came up: invoices mix one-off and recurring lines.",
  question: "Is the grain one row per invoice line?",
  outcome: "",
  path: "Copilot/Loops/LOOP-007 Validate Chargebee invoice mixed-type assumption.md",
};

// Section text: trimmed, no CR (the format's only constraints). Lines that look like level-2 headings
// ("## Question", "\\## x") are in on purpose: they must stay inside their section.
const sectionText = fc
  .array(
    fc.oneof(
      fc.string({
        unit: fc.constantFrom("a", "b", " ", "\n", "#", ":", "[", "]", "%", "é", "-", "*", '"', "'", "0", "\\"),
      }),
      fc.constantFrom("\n## Question\n", "\n## Outcome\nx", "\n\\## Context\n", "\n##  Notes\n"),
    ),
    { maxLength: 4 },
  )
  .map((parts) => parts.join(" ").trim());
const plain = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.replace(/[\r\n]/g, " ").trim())
  .filter((s) => s !== "");
const modelName = fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/);
const iso = fc
  .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z"));

const loopArb: fc.Arbitrary<Loop> = fc
  .record(
    {
      n: fc.integer({ min: 1, max: 99999 }),
      status: fc.constantFrom(...LOOP_STATUSES),
      title: plain,
      captured: iso,
      session: fc.option(fc.stringMatching(/^20\d\d-\d\d-\d\d$/), { nil: undefined }),
      models: fc.uniqueArray(modelName, { maxLength: 3 }),
      ticktickId: fc.option(fc.stringMatching(/^[0-9a-f]{24}$/), { nil: undefined }),
      closed: fc.option(iso, { nil: undefined }),
      clarified: fc.option(iso, { nil: undefined }),
      due: fc.option(fc.oneof(fc.stringMatching(/^20\d\d-\d\d-\d\d$/), iso), { nil: undefined }),
      priority: fc.option(fc.constantFrom(...LOOP_PRIORITIES), { nil: undefined }),
      ticktickList: fc.option(plain, { nil: undefined }),
      context: sectionText,
      question: sectionText,
      outcome: sectionText,
      clarification: fc.option(sectionText, { nil: undefined }),
    },
    { requiredKeys: ["n", "status", "title", "captured", "models", "context", "question", "outcome"] },
  )
  .map(({ n, ...rest }) => {
    const loop: Loop = { id: `LOOP-${String(n).padStart(3, "0")}`, path: "Copilot/Loops/x.md", ...rest };
    for (const key of Object.keys(loop) as (keyof Loop)[]) if (loop[key] === undefined) delete loop[key];
    return loop;
  });

describe("loop note format", () => {
  test("renders the layout docs/ARCHITECTURE.md shows", () => {
    const text = renderLoopNote(example);
    expect(text).toBe(`---
id: LOOP-007
type: loop
status: open
title: Validate Chargebee invoice mixed-type assumption
captured: 2026-01-21T14:30:00Z
session: "[[2026-01-21]]"
models:
  - "[[fct_invoices]]"
ticktick_id: 65a1f0c2e4b0a1b2c3d4e5f6
---
## Context
Why this came up: invoices mix one-off and recurring lines.

Models: [[fct_invoices]]

## Question
Is the grain one row per invoice line?

## Outcome
%% Filled when closed: result, evidence, decision. %%
`);
  });

  test("parse(render(x)) equals x", () => {
    fc.assert(
      fc.property(loopArb, (loop) => {
        expect(parseLoopNote(renderLoopNote(loop), loop.path)).toEqual(loop);
      }),
      { numRuns: Number(process.env.RUNS ?? 300) },
    );
  });

  test.each([
    ["broken YAML", "---\nid: [LOOP-001\n---\n", /Malformed frontmatter/],
    ["missing id", "---\ntype: loop\nstatus: open\n---\n", /no valid id/],
    ["unknown status", "---\nid: LOOP-001\ntype: loop\nstatus: maybe\n---\n", /unknown status "maybe"/],
  ])("rejects %s with a UserError naming the file", (_name, text, message) => {
    expect(() => parseLoopNote(text, "Copilot/Loops/bad.md")).toThrow(message);
    try {
      parseLoopNote(text, "Copilot/Loops/bad.md");
    } catch (error) {
      expect((error as { where: { file: string } }).where.file).toBe("Copilot/Loops/bad.md");
    }
  });

  test("a patch keeps keys and sections the format does not own", () => {
    const text =
      renderLoopNote(example).replace("type: loop\n", "type: loop\npriority: high\n") + "\n## Notes\nMy own notes.\n";
    const patched = applyLoopPatch(
      text,
      { status: "closed", closed: "2026-01-22T09:00:00Z", outcome: "Result: one row per line" },
      example.path,
    );
    expect(patched).toContain("priority: high");
    expect(patched).toContain("## Notes\nMy own notes.\n");
    expect(patched).toContain("## Outcome\nResult: one row per line\n");
    const loop = parseLoopNote(patched, example.path);
    expect(loop).toMatchObject({
      status: "closed",
      closed: "2026-01-22T09:00:00Z",
      context: example.context,
      question: example.question,
    });
  });

  test("patching models rewrites both the frontmatter and the body links", () => {
    const patched = applyLoopPatch(renderLoopNote(example), { models: ["fct_invoices", "stg_invoices"] }, example.path);
    expect(patched).toContain('  - "[[stg_invoices]]"');
    expect(patched).toContain("Models: [[fct_invoices]], [[stg_invoices]]");
    expect(parseLoopNote(patched, example.path).context).toBe(example.context);
  });

  test("a '## Question' line inside the context stays in the context when read back", () => {
    const hostile = { ...example, context: "Pasted from the chat:\n## Question\nIs this the question?" };
    const text = renderLoopNote(hostile);
    expect(text).toContain("\\## Question\nIs this the question?");
    const loop = parseLoopNote(text, example.path);
    expect(loop.context).toBe(hostile.context);
    expect(loop.question).toBe(example.question);
  });

  test("approving a loop keeps YAML comments and the user's keys as written", () => {
    const text = renderLoopNote({ ...example, status: "proposed" }).replace(
      "type: loop\n",
      "type: loop\n# asked by Ana in standup\npriority: high # before Friday\n",
    );
    const approved = applyLoopPatch(text, { status: "open" }, example.path);
    expect(approved).toBe(text.replace("status: proposed", "status: open"));
  });
});

describe("the fields a TickTick sync brings back belong to the loop note format", () => {
  const synced: Loop = {
    ...example,
    due: "2026-01-30",
    priority: "medium",
    ticktickList: "Someday",
    clarification: "Next action: email Dana the two invoice ids",
  };

  test("they are rendered as frontmatter keys and a section after the outcome", () => {
    const text = renderLoopNote(synced);
    expect(text).toContain(
      "ticktick_id: 65a1f0c2e4b0a1b2c3d4e5f6\ndue: 2026-01-30\npriority: medium\nticktick_list: Someday\n---",
    );
    expect(text).toMatch(/## Outcome\n.*\n\n## Clarified in TickTick\nNext action: email Dana the two invoice ids\n$/);
    expect(parseLoopNote(text, example.path)).toEqual(synced);
  });

  test("a patch adds the clarified section after the user's own sections and replaces it in place later", () => {
    const mine = renderLoopNote(example) + "\n## Notes\nMy own notes.\n";
    const first = applyLoopPatch(mine, { clarification: "Waiting on Dana", priority: "high" }, example.path);
    expect(first).toContain("## Notes\nMy own notes.\n\n## Clarified in TickTick\nWaiting on Dana\n");
    expect(first).toMatch(/^priority: high$/m);
    const second = applyLoopPatch(first, { clarification: "Dana answered", priority: undefined }, example.path);
    expect(second).toContain("## Notes\nMy own notes.\n\n## Clarified in TickTick\nDana answered\n");
    expect(second).not.toMatch(/^priority:/m);
    expect(second.match(/## Clarified in TickTick/g)).toHaveLength(1);
  });

  test("an unknown priority is not the loop's", () => {
    const text = renderLoopNote(example).replace("type: loop\n", "type: loop\npriority: urgent\n");
    expect(parseLoopNote(text, example.path).priority).toBeUndefined();
  });
});
