// The model note format read back: what the importer renders, readModelNote returns (a round-trip
// property), old notes ("SQL (compiled)") and hand-written notes read too, macro notes likewise.
import fc from "fast-check";
import { importDbtProject, readMacroNote, readManifest, readModelNote, type NodeDetail } from "../../../src/core/dbt";
import { managedRegion, modelFrontmatter } from "../../../src/core/dbt/model-note";
import { readColumnsTable, readTestLines } from "../../../src/core/dbt/model-note-read";
import { parseNote, stringifyNote } from "../../../src/core/frontmatter";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { fixtureManifest, TempVault } from "./fixtures";

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const line = fc.stringMatching(/^[^\n\r]{0,40}$/).map((s) => s.trim());
const sql = fc
  .array(fc.stringMatching(/^[^\r\n]{0,30}$/), { minLength: 1, maxLength: 6 })
  .map((lines) => lines.join("\n").trim())
  .filter((s) => s !== "");

const detailArb = fc.record({
  name: word,
  materialized: fc.constantFrom("view", "table", "incremental"),
  relation: fc.option(fc.constant(["analytics", "marts", "x"]), { nil: undefined }),
  description: line,
  columns: fc.uniqueArray(fc.record({ name: word, description: line, dataType: fc.constantFrom("", "integer") }), {
    selector: (c) => c.name,
    maxLength: 5,
  }),
  tests: fc.array(
    fc.oneof(
      fc.record({ name: word, kind: fc.constantFrom("unique", "not_null"), column: word }),
      fc.record({
        name: word,
        kind: fc.constant("unique_combination_of_columns"),
        columns: fc.uniqueArray(word, { minLength: 2, maxLength: 3 }),
      }),
      fc.record({ name: word, kind: fc.constant("relationships"), column: word, detail: fc.constant("stg_x.id") }),
      fc.record({ name: word, kind: fc.constant("expression_is_true"), detail: fc.constant("a = b + (c)") }),
    ),
    { maxLength: 4 },
  ),
  raw: sql,
  compiled: fc.option(sql, { nil: undefined }),
});

test("readModelNote(render(detail)) gives back what the note was rendered from", () => {
  fc.assert(
    fc.property(detailArb, (d) => {
      // A table row cannot hold two types of the same column: the Type column is all or nothing.
      const typed = d.columns.some((c) => c.dataType !== "");
      const detail: NodeDetail = {
        node: {
          uniqueId: `model.p.${d.name}`,
          name: d.name,
          resourceType: "model",
          packageName: "p",
          path: `models/${d.name}.sql`,
          notePath: "",
          tags: [],
          fqn: ["p", d.name],
          config: { materialized: d.materialized },
          description: d.description,
        },
        parents: [],
        materialized: d.materialized,
        columns: d.columns,
        tests: d.tests,
        relation: d.relation ? [...d.relation] : undefined,
        sql: { raw: d.raw, ...(d.compiled ? { compiled: d.compiled } : {}) },
        macros: [],
        exposures: [],
      };
      const links = { upstream: ["a", "b"], downstream: ["c"], macros: ["m"] };
      const text = stringifyNote(modelFrontmatter(detail, links), managedRegion(detail, d.name, links) + "\n");
      const { frontmatter, body } = parseNote(text);
      const facts = readModelNote(frontmatter, body, d.name);
      expect(facts).toMatchObject({
        name: d.name,
        materialized: d.materialized,
        relation: d.relation?.join(".") ?? "",
        path: `models/${d.name}.sql`,
        description: d.description,
        upstream: ["a", "b"],
        downstream: ["c"],
        macros: ["m"],
      });
      expect(facts.columns).toEqual(d.columns.map((c) => ({ ...c, dataType: typed ? c.dataType : "" })));
      expect(facts.tests).toEqual(d.tests);
      expect(facts.sql.raw).toBe(d.raw);
      expect(facts.sql.compiled).toBe(d.compiled === d.raw ? undefined : d.compiled);
    }),
  );
});

describe("tolerant reading", () => {
  test.each([
    ["imported", "| Column | Type | Description |\n| --- | --- | --- |\n| id | int | Key \\| pk |", "int", "Key | pk"],
    ["hand-written", "| column | description |\n| --- | --- |\n| id | Key |", "", "Key"],
  ])("a %s Columns table", (_label, table, dataType, description) => {
    expect(readColumnsTable(table.split("\n"))).toEqual([{ name: "id", dataType, description }]);
  });

  test.each([
    ["- `unique` on `id` (unique_x_id)", { name: "unique_x_id", kind: "unique", column: "id" }],
    ["- `singular` (assert_positive)", { name: "assert_positive", kind: "singular" }],
    [
      "- `unique_combination_of_columns` on `a`, `b` (u_ab)",
      { name: "u_ab", kind: "unique_combination_of_columns", columns: ["a", "b"] },
    ],
    [
      "- `accepted_values` on `t`: new, returning (av_t)",
      { name: "av_t", kind: "accepted_values", column: "t", detail: "new, returning" },
    ],
    ["a line of prose", undefined],
  ])("test line %s", (text, test) => {
    expect(readTestLines([text])).toEqual(test ? [test] : []);
  });

  test("a note written before raw and compiled SQL were kept apart, and a hand-written note", () => {
    const old = "%% decp:begin %%\n# m\n\n## SQL (compiled)\n\n```sql\nselect 1\n```\n%% decp:end %%\n";
    expect(readModelNote({ type: "model" }, old, "m").sql).toEqual({ compiled: "select 1" });
    const hand = "# m\n\n## Description\nThe m model.\n\n## SQL\n```sql\nselect 2\n## not a heading\n```\n";
    expect(readModelNote({ type: "model" }, hand, "m")).toMatchObject({
      name: "m",
      description: "The m model.",
      sql: { raw: "select 2\n## not a heading" },
    });
  });
});

test("jaffle_shop v12 (dbt 1.11): the importer writes macro notes a card can read, linked from the models calling them", async () => {
  const temp = new TempVault();
  try {
    await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(fixtureManifest("jaffle_shop_v12_dbt1.11.json")));
    const read = async (path: string) => parseNote(await temp.vault.read(path), path);
    const orders = await read("dbt/jaffle_shop/models/staging/stg_orders.md");
    expect(readModelNote(orders.frontmatter, orders.body, "stg_orders")).toMatchObject({
      relation: "jaffle_shop.main.stg_orders",
      macros: ["cents_to_dollars"],
    });
    const macro = await read("dbt/jaffle_shop/macros/cents_to_dollars.md");
    const facts = readMacroNote(macro.frontmatter, macro.body, "cents_to_dollars");
    expect(facts).toMatchObject({
      name: "cents_to_dollars",
      path: "macros/cents_to_dollars.sql",
      arguments: ["column_name"],
      calls: ["default__cents_to_dollars"],
    });
    expect(facts?.sql).toContain("{% macro cents_to_dollars(column_name) -%}");
    expect(macro.body).toContain("## Called by\n\n- [[stg_orders]]");
  } finally {
    temp.dispose();
  }
});
