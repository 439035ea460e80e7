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

describe("NoteGraph.resolve of a plain name from a note", () => {
  // One name in several folders: the linking note's folder first, then the shortest path; names ignore case.
  const graph = new NoteGraph(["Notes/orders.md", "dbt/a/orders.md", "dbt/b/Orders.md", "dbt/a/stg.md", "readme.md"]);

  test.each([
    ["orders", "dbt/a/child.md", "dbt/a/orders.md"],
    ["orders", "dbt/b/child.md", "dbt/b/Orders.md"],
    ["orders", "elsewhere/note.md", "Notes/orders.md"],
    ["STG", "Notes/idea.md", "dbt/a/stg.md"],
    ["readme", "dbt/a/stg.md", "readme.md"],
    ["missing", "dbt/a/stg.md", null],
  ])("%s from %s -> %s", (link, from, expected) => {
    expect(graph.resolve(link, from)).toBe(expected);
  });
});
