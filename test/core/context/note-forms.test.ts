import { compactForm, fullForm } from "../../../src/core/context";
import { stripTeachingComments } from "../../../src/core/templates";

const MODEL = `---
type: model
unique_id: model.jaffle_shop.orders
upstream: ["[[stg_orders]]", "[[stg_payments]]"]
downstream: ["[[a]]", "[[b]]", "[[c]]", "[[d]]", "[[e]]", "[[f]]", "[[g]]"]
---
%% decp:begin %%
# orders

> model · table · \`models/orders.sql\`

This table has basic information about orders.

## Columns

| Column | Type | Description |
| --- | --- | --- |
| order_id | integer | Primary key |

## Upstream

- [[stg_orders]]

## Lineage

\`\`\`mermaid
graph LR
\`\`\`

## SQL (raw)

\`\`\`sql
select * from {{ ref('stg_orders') }}
\`\`\`
%% decp:end %%

My own notes: %% teaching comment %% grain is one row per order.
`;

test.each([
  ["keeps the title, facts and description of a model note", "This table has basic information about orders.", true],
  ["keeps the Columns section", "| order_id | integer | Primary key |", true],
  ["drops SQL", "select *", false],
  ["drops the Mermaid diagram", "graph LR", false],
  ["drops sections that repeat the frontmatter", "## Upstream", false],
  ["drops region markers", "decp:begin", false],
  ["cuts long frontmatter lists", "... 2 more", true],
])("compact form %s", (_name, fragment, present) => {
  expect(compactForm(MODEL, { stripComments: stripTeachingComments }).includes(fragment)).toBe(present);
});

test("a note without sections keeps its opening paragraphs only", () => {
  const note = "# Plan\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n";
  expect(compactForm(note, {})).toBe("# Plan\n\nFirst paragraph.\n\nSecond paragraph.\n");
});

test("full form strips teaching comments and, when asked, frontmatter", () => {
  const full = fullForm(MODEL, { stripComments: stripTeachingComments, stripFrontmatter: true });
  expect(full.startsWith("\n# orders") || full.startsWith("# orders")).toBe(true);
  expect(full).not.toContain("teaching comment");
  expect(full).toContain("select * from");
  expect(fullForm(MODEL, {})).toBe(MODEL);
});
