import { NoteGraph } from "../../../src/core/context";

describe("NoteGraph.resolve", () => {
  // A dbt project kept inside the vault puts models/x.sql next to the imported note dbt/p/models/x.md.
  const graph = new NoteGraph([
    "dbt-project/models/dim_customers.sql",
    "dbt/acme/models/dim_customers.md",
    "assets/diagram.png",
  ]);

  test.each([
    ["dim_customers", "dbt/acme/models/dim_customers.md"],
    ["dim_customers.sql", "dbt-project/models/dim_customers.sql"],
    ["dim_customers.md", "dbt/acme/models/dim_customers.md"],
    ["diagram.png", "assets/diagram.png"],
    ["diagram", null],
  ])("%s -> %s", (link, expected) => {
    expect(graph.resolve(link)).toBe(expected);
  });
});
