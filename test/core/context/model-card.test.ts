// The focus card states each test once: the tests the Grain line names are not listed again.
import { renderModelCard } from "../../../src/core/context";
import type { ModelFacts, TestInfo } from "../../../src/core/dbt";

function cardLines(tests: TestInfo[]): string[] {
  const facts: ModelFacts = {
    name: "orders",
    resourceType: "model",
    materialized: "table",
    relation: "db.main.orders",
    path: "models/orders.sql",
    description: "",
    config: {},
    columns: [],
    tests,
    upstream: [],
    downstream: [],
    exposures: [],
    macros: [],
    sql: {},
  };
  const card = renderModelCard({ facts, title: "orders", role: "focus", sql: null, loops: [] });
  return card.split("\n").filter((line) => /^(Grain|Tests|Other tests):/.test(line));
}

const unique = (column: string): TestInfo => ({ name: `unique_${column}`, kind: "unique", column });
const notNull = (column: string): TestInfo => ({ name: `not_null_${column}`, kind: "not_null", column });

test.each<[string, TestInfo[], string[]]>([
  ["no tests", [], ["Grain: not stated by any uniqueness test"]],
  [
    "the key's unique and not_null are the grain: no other line",
    [unique("order_id"), notNull("order_id")],
    ["Grain: one row per order_id (unique and not_null)"],
  ],
  [
    "other columns' tests stay, under Other tests",
    [unique("order_id"), notNull("order_id"), notNull("customer_id")],
    ["Grain: one row per order_id (unique and not_null)", "Other tests: not_null(customer_id)"],
  ],
  [
    "a second unique column is named by the grain line, not repeated",
    [unique("order_id"), notNull("order_id"), unique("order_number")],
    ["Grain: one row per order_id (unique and not_null); also unique: order_number"],
  ],
  [
    "unique without not_null: the grain says nulls are not tested",
    [unique("order_id")],
    ["Grain: one row per order_id (unique; nulls not tested)"],
  ],
  [
    "a combination is the grain; another combination is still listed",
    [
      { name: "combo", kind: "unique_combination_of_columns", columns: ["order_id", "line_no"] },
      { name: "combo2", kind: "unique_combination_of_columns", columns: ["sku", "day"] },
      notNull("order_id"),
    ],
    [
      "Grain: one row per (order_id, line_no) (unique_combination_of_columns)",
      "Other tests: unique_combination_of_columns(sku, day); not_null(order_id)",
    ],
  ],
  [
    "without a grain every test is listed as Tests",
    [notNull("order_id"), { name: "rel", kind: "relationships", column: "customer_id", detail: "customers.id" }],
    [
      "Grain: not stated by any uniqueness test",
      "Tests: not_null(order_id); relationships(customer_id -> customers.id)",
    ],
  ],
])("%s", (_case, tests, expected) => {
  expect(cardLines(tests)).toEqual(expected);
});
