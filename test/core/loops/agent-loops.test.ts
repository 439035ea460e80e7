import { decodeEntities, parseAgentLoops } from "../../../src/core/loops/agent-loops";

describe("parseAgentLoops", () => {
  test.each([
    {
      name: "one well-formed block",
      text: `<loop id="LOOP-012" status="open">\n  <title>Check grain</title>\n  <question>One row per line?</question>\n  <model>fct_orders</model>\n  <model>stg_orders</model>\n</loop>`,
      titles: ["Check grain"],
      ids: ["LOOP-012"],
      problems: [],
    },
    {
      name: "missing id",
      text: `<loop><title>No id here</title></loop>`,
      titles: ["No id here"],
      ids: [undefined],
      problems: [],
    },
    {
      name: "entities",
      text: `<loop><title>P&amp;L &lt;net&gt; isn&#39;t &#x27;gross&#x27; &quot;ok&quot;</title></loop>`,
      titles: [`P&L <net> isn't 'gross' "ok"`],
      ids: [undefined],
      problems: [],
    },
    {
      name: "unclosed child tag keeps the rest of the block",
      text: `<loop id="LOOP-001">\n<title>Broken question</title>\n<question>Is it unique?\n<model>dim_customers</model>\n</loop>`,
      titles: ["Broken question"],
      ids: ["LOOP-001"],
      problems: [{ line: 3, message: "<question> is not closed" }],
    },
    {
      name: "unclosed loop does not swallow the next one",
      text: `<loop id="LOOP-001"><title>First</title>\n\n<loop id="LOOP-002"><title>Second</title></loop>`,
      titles: ["First", "Second"],
      ids: ["LOOP-001", "LOOP-002"],
      problems: [{ line: 1, message: "<loop> is not closed (missing </loop>)" }],
    },
    {
      name: "stray text",
      text: `<loop>\n<title>T</title>\noops I forgot a tag\n</loop>`,
      titles: ["T"],
      ids: [undefined],
      problems: [{ line: 3, message: 'stray text outside the loop\'s tags: "oops I forgot a tag"' }],
    },
    {
      name: "duplicate ids in one reply",
      text: `<loop id="LOOP-003"><title>A</title></loop>\n<loop id="LOOP-003"><title>B</title></loop>`,
      titles: ["A", "B"],
      ids: ["LOOP-003", undefined],
      problems: [{ line: 2, message: "LOOP-003 is used twice (first on line 1); this one gets a new id" }],
    },
    {
      name: "no title nor question is skipped",
      text: `<loop><context>only context</context></loop>\n<loop><title>Kept</title></loop>`,
      titles: ["Kept"],
      ids: [undefined],
      problems: [{ line: 1, message: "loop has neither a <title> nor a <question>; skipped" }],
    },
    {
      name: "fenced loop block with key: value lines",
      text: "Here:\n```loop\ntitle: Late arriving facts\nquestion: Do we reprocess\n  the last 3 days?\nmodels: fct_orders, stg_orders\n```\n",
      titles: ["Late arriving facts"],
      ids: [undefined],
      problems: [],
    },
    {
      name: "fenced xml loop",
      text: '```xml\n<loop id="LOOP-020"><title>In a fence</title></loop>\n```',
      titles: ["In a fence"],
      ids: ["LOOP-020"],
      problems: [],
    },
    {
      name: "bullets under a Loops heading",
      text: "Done with the refactor.\n\n## Open loops\n- LOOP-004: Should fct_orders drop test orders?\n  - came up while checking stg_orders\n- **Timezone of order_date**\n\nNext I will run the tests.\n- not a loop",
      titles: ["Should fct_orders drop test orders?", "Timezone of order_date"],
      ids: ["LOOP-004", undefined],
      problems: [],
    },
  ])("$name", ({ text, titles, ids, problems }) => {
    const result = parseAgentLoops(text);
    expect(result.proposals.map((p) => p.title)).toEqual(titles);
    expect(result.proposals.map((p) => p.id)).toEqual(ids);
    expect(result.problems).toEqual(problems);
  });

  test("keeps unknown tags, repeated models and multi-line context", () => {
    const [p] = parseAgentLoops(`<loop>
  <title>Grain</title>
  <context>
    Line one
      indented
  </context>
  <priority>high</priority>
  <model>fct_orders</model><model>[[stg_orders]]</model>
  <captured>2026-01-21T14:30:00Z</captured>
</loop>`).proposals;
    expect(p.context).toBe("Line one\n  indented");
    expect(p.extra).toEqual([{ tag: "priority", text: "high" }]);
    expect(p.models).toEqual(["fct_orders", "stg_orders"]);
    expect(p.captured).toBe("2026-01-21T14:30:00Z");
  });

  test("fenced key: value block reads multi-line values and model lists", () => {
    const [p] = parseAgentLoops(
      "```loop\ntitle: Late\nquestion: Do we reprocess\n  the last 3 days?\nmodels: fct_orders, stg_orders\n```",
    ).proposals;
    expect(p.question).toBe("Do we reprocess\nthe last 3 days?");
    expect(p.models).toEqual(["fct_orders", "stg_orders"]);
  });

  test("never throws on garbage", () => {
    for (const junk of [
      "<loop",
      "<loop>",
      "</loop>",
      "<loop><title>",
      '<loop id="x"><title>&#99999999;</title></loop>',
      "```loop",
      "## Loops\n-",
      "<<<>>>&&&;",
    ]) {
      expect(() => parseAgentLoops(junk)).not.toThrow();
    }
  });

  test("decodes numeric entities and leaves unknown ones", () => {
    expect(decodeEntities("&#65;&#x42;&foo;&amp;")).toBe("AB&foo;&");
  });
});
