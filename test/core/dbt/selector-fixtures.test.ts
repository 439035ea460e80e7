// Selectors over the real jaffle_shop manifests. Expectations are written by hand from dbt's
// documented semantics and the projects' lineage (listed above each table), not computed.
import { buildGraph, readManifest, selectNodes, type LineageGraph } from "../../../src/core/dbt";
import { fixtureManifest } from "./fixtures";

function graphOf(file: string): LineageGraph {
  const project = readManifest(fixtureManifest(file));
  const parents = new Map(project.nodes.map((d) => [d.node.uniqueId, d.parents]));
  return buildGraph(
    project.nodes.map((d) => d.node),
    (id) => parents.get(id) ?? [],
  );
}

const m = (name: string): string => `model.jaffle_shop.${name}`;
const src = (table: string): string => `source.jaffle_shop.ecom.${table}`;
const seed = (name: string): string => `seed.jaffle_shop.${name}`;

// dbt 1.11: raw_x sources -> stg_x (staging, views) -> marts (tables):
// order_items <- stg_order_items, stg_orders, stg_products, stg_supplies; orders <- order_items, stg_orders;
// customers <- orders, stg_customers; supplies <- stg_supplies; products <- stg_products;
// locations <- stg_locations <- raw_stores; metricflow_time_spine has no parents. Seeds stand alone.
const v12: [string, string | undefined, string[]][] = [
  [
    "+customers",
    undefined,
    [
      m("customers"),
      m("orders"),
      m("stg_customers"),
      m("order_items"),
      m("stg_orders"),
      m("stg_order_items"),
      m("stg_products"),
      m("stg_supplies"),
      src("raw_customers"),
      src("raw_orders"),
      src("raw_items"),
      src("raw_products"),
      src("raw_supplies"),
    ],
  ],
  ["stg_orders+", undefined, [m("stg_orders"), m("orders"), m("order_items"), m("customers")]],
  ["stg_orders+1", undefined, [m("stg_orders"), m("orders"), m("order_items")]],
  [
    "1+order_items",
    undefined,
    [m("order_items"), m("stg_order_items"), m("stg_orders"), m("stg_products"), m("stg_supplies")],
  ],
  [
    "@stg_supplies",
    undefined,
    [
      m("stg_supplies"),
      m("supplies"),
      m("order_items"),
      m("orders"),
      m("customers"),
      src("raw_supplies"),
      m("stg_order_items"),
      src("raw_items"),
      m("stg_orders"),
      src("raw_orders"),
      m("stg_products"),
      src("raw_products"),
      m("stg_customers"),
      src("raw_customers"),
    ],
  ],
  ["source:ecom.raw_stores+", undefined, [src("raw_stores"), m("stg_locations"), m("locations")]],
  [
    "path:models/staging,resource_type:source",
    undefined,
    ["raw_customers", "raw_orders", "raw_items", "raw_stores", "raw_products", "raw_supplies"].map(src),
  ],
  [
    "path:models/marts",
    "+orders",
    [m("supplies"), m("products"), m("customers"), m("metricflow_time_spine"), m("locations")],
  ],
  [
    "jaffle_shop.staging.stg_*",
    undefined,
    ["stg_products", "stg_customers", "stg_supplies", "stg_orders", "stg_order_items", "stg_locations"].map(m),
  ],
  [
    "config.materialized:view",
    undefined,
    ["stg_products", "stg_customers", "stg_supplies", "stg_orders", "stg_order_items", "stg_locations"].map(m),
  ],
  [
    "resource_type:seed",
    undefined,
    ["raw_items", "raw_customers", "raw_stores", "raw_tweets", "raw_orders", "raw_supplies", "raw_products"].map(seed),
  ],
  ["metricflow_time_spine+ +metricflow_time_spine", undefined, [m("metricflow_time_spine")]],
];

// dbt 1.3 (v7): seeds raw_x -> stg_x -> orders <- stg_orders, stg_payments; customers <- the three stg models.
const v7: [string, string | undefined, string[]][] = [
  [
    "+customers",
    undefined,
    [
      m("customers"),
      m("stg_customers"),
      m("stg_orders"),
      m("stg_payments"),
      seed("raw_customers"),
      seed("raw_orders"),
      seed("raw_payments"),
    ],
  ],
  ["raw_payments+", undefined, [seed("raw_payments"), m("stg_payments"), m("orders"), m("customers")]],
  // A bare folder name is not an fqn prefix: dbt needs the package first (or path:).
  ["staging", undefined, []],
  ["jaffle_shop.staging", undefined, [m("stg_customers"), m("stg_orders"), m("stg_payments")]],
  [
    "@stg_payments",
    undefined,
    [
      m("stg_payments"),
      m("orders"),
      m("customers"),
      seed("raw_payments"),
      m("stg_orders"),
      seed("raw_orders"),
      m("stg_customers"),
      seed("raw_customers"),
    ],
  ],
  ["resource_type:model,+orders", undefined, [m("orders"), m("stg_orders"), m("stg_payments")]],
  ["+customers", "resource_type:seed jaffle_shop.staging", [m("customers")]],
];

describe.each([
  ["jaffle_shop_v12_dbt1.11.json", v12],
  ["jaffle_shop_v7_dbt1.3.json", v7],
])("selectors over %s", (file, cases) => {
  const graph = graphOf(file);
  test.each(cases)("%s --exclude %s", (selector, exclude, expected) => {
    expect(selectNodes(graph, selector, exclude)).toEqual([...expected].sort());
  });
});
