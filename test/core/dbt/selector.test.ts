import { UserError } from "../../../src/core/errors";
import { selectNodes } from "../../../src/core/dbt";
import { handGraph } from "./hand-graph";

// Short names for readability: m.x = model.shop.x, s.x = source.shop.raw.x.
const id = (short: string): string =>
  short.startsWith("s.")
    ? `source.shop.raw.${short.slice(2)}`
    : short === "seed"
      ? "seed.shop.country_codes"
      : short === "snap"
        ? "snapshot.shop.customers_snapshot"
        : short === "util"
          ? "model.utils.util_calendar"
          : `model.shop.${short}`;

const ALL = [
  "s.orders",
  "s.customers",
  "seed",
  "stg_orders",
  "stg_customers",
  "int_orders_enriched",
  "fct_orders",
  "dim_customers",
  "rpt_revenue",
  "snap",
  "util",
];

const cases: [string, string | undefined, string[]][] = [
  ["stg_orders", undefined, ["stg_orders"]],
  ["+stg_orders", undefined, ["s.orders", "stg_orders"]],
  ["stg_customers+", undefined, ["stg_customers", "int_orders_enriched", "dim_customers", "fct_orders", "rpt_revenue"]],
  ["stg_customers+1", undefined, ["stg_customers", "int_orders_enriched", "dim_customers"]],
  ["1+int_orders_enriched", undefined, ["int_orders_enriched", "stg_orders", "stg_customers"]],
  [
    "2+int_orders_enriched",
    undefined,
    ["int_orders_enriched", "stg_orders", "stg_customers", "s.orders", "s.customers", "seed"],
  ],
  [
    "+int_orders_enriched+",
    undefined,
    [
      "int_orders_enriched",
      "stg_orders",
      "stg_customers",
      "s.orders",
      "s.customers",
      "seed",
      "fct_orders",
      "rpt_revenue",
    ],
  ],
  ["1+fct_orders+1", undefined, ["fct_orders", "int_orders_enriched", "util", "rpt_revenue"]],
  // @: the node, its descendants, and every ancestor of those descendants.
  ["@stg_orders", undefined, ALL.filter((x) => x !== "snap")],
  [
    "@dim_customers",
    undefined,
    [
      "dim_customers",
      "rpt_revenue",
      "fct_orders",
      "int_orders_enriched",
      "util",
      "stg_orders",
      "stg_customers",
      "s.orders",
      "s.customers",
      "seed",
    ],
  ],
  ["tag:nightly", undefined, ["fct_orders", "dim_customers"]],
  ["tag:nightly,tag:pii", undefined, ["dim_customers"]],
  ["tag:staging tag:nightly", undefined, ["stg_orders", "stg_customers", "fct_orders", "dim_customers"]],
  ["tag:pi*", undefined, ["stg_customers", "dim_customers"]],
  ["+rpt_revenue,tag:pii", undefined, ["stg_customers", "dim_customers"]],
  ["path:models/staging", undefined, ["s.orders", "s.customers", "stg_orders", "stg_customers"]],
  ["path:models/staging/", undefined, ["s.orders", "s.customers", "stg_orders", "stg_customers"]],
  ["models/marts", undefined, ["fct_orders", "dim_customers"]],
  ["path:models/marts/*.sql", undefined, ["fct_orders", "dim_customers"]],
  ["path:models/*/stg_*", undefined, ["stg_orders", "stg_customers"]],
  ["path:models/marts/fct_orders.sql", undefined, ["fct_orders"]],
  ["path:snapshots", undefined, ["snap"]],
  ["file:fct_orders.sql", undefined, ["fct_orders"]],
  ["fct_orders.sql", undefined, ["fct_orders"]],
  ["fqn:shop.staging", undefined, ["s.orders", "s.customers", "stg_orders", "stg_customers"]],
  ["shop.marts.*", undefined, ["fct_orders", "dim_customers"]],
  ["shop.marts", undefined, ["fct_orders", "dim_customers"]],
  ["utils", undefined, ["util"]],
  // fqn wildcards match the flattened fqn from the first wildcard part on: stg_* alone matches nothing.
  ["stg_*", undefined, []],
  ["*.stg_*", undefined, ["stg_orders", "stg_customers"]],
  ["*", undefined, ALL],
  ["*", "*", []],
  ["source:raw", undefined, ["s.orders", "s.customers"]],
  ["source:raw.orders", undefined, ["s.orders"]],
  ["source:shop.raw.customers", undefined, ["s.customers"]],
  ["source:raw.orders+", undefined, ["s.orders", "stg_orders", "int_orders_enriched", "fct_orders", "rpt_revenue"]],
  ["source:other", undefined, []],
  ["resource_type:seed", undefined, ["seed"]],
  ["resource_type:snapshot+", undefined, ["snap"]],
  ["+customers_snapshot", undefined, ["snap", "s.customers"]],
  ["package:utils", undefined, ["util"]],
  [
    "package:shop,resource_type:model,config.materialized:view",
    undefined,
    ["stg_orders", "stg_customers", "rpt_revenue"],
  ],
  ["config.materialized:incremental", undefined, ["fct_orders"]],
  ["config.unique_key:day", undefined, ["fct_orders"]],
  ["config.contract.enforced:true", undefined, ["dim_customers"]],
  ["stg_customers+", "tag:nightly", ["stg_customers", "int_orders_enriched", "rpt_revenue"]],
  ["+rpt_revenue", "+fct_orders", ["rpt_revenue", "dim_customers"]],
  ["tag:staging tag:nightly", "tag:pii,resource_type:model", ["stg_orders", "fct_orders"]],
  ["  stg_orders   dim_customers ", "", ["stg_orders", "dim_customers"]],
  ["no_such_model", undefined, []],
  // Graph operators and plain methods in either order, both directions with depths, ** in paths.
  ["tag:pii,+rpt_revenue", undefined, ["stg_customers", "dim_customers"]],
  ["tag:pii,stg_customers+1", undefined, ["stg_customers", "dim_customers"]],
  ["@int_orders_enriched,tag:nightly", undefined, ["fct_orders", "dim_customers"]],
  [
    "2+int_orders_enriched+1",
    undefined,
    ["int_orders_enriched", "stg_orders", "stg_customers", "s.orders", "s.customers", "seed", "fct_orders"],
  ],
  [
    "1+stg_customers+2",
    undefined,
    ["stg_customers", "s.customers", "seed", "int_orders_enriched", "dim_customers", "fct_orders", "rpt_revenue"],
  ],
  ["path:models/**/fct_orders.sql", undefined, ["fct_orders"]],
  ["path:**/staging", undefined, ["s.orders", "s.customers", "stg_orders", "stg_customers"]],
  ["path:models/**", undefined, ALL.filter((x) => x !== "seed" && x !== "snap")],
  [
    "path:models/*/*.sql",
    undefined,
    ["stg_orders", "stg_customers", "int_orders_enriched", "fct_orders", "dim_customers", "rpt_revenue"],
  ],
  ["shop.*.stg_orders", undefined, ["stg_orders"]],
  ["file:stg_*", undefined, ["stg_orders", "stg_customers"]],
  ["package:u*", undefined, ["util"]],
  ["source:*.orders", undefined, ["s.orders"]],
];

describe("selectNodes over the hand-written graph", () => {
  test.each(cases)("%s --exclude %s", (selector, exclude, expected) => {
    expect(selectNodes(handGraph(), selector, exclude)).toEqual(expected.map(id).sort());
  });
});

const bad: [string, string][] = [
  ["tag:", "tag:"],
  ["foo:bar", "foo:bar"],
  ["stg_orders @+stg_customers", "@+stg_customers"],
  ["config:view", "config:view"],
  ["config.:view", "config.:view"],
  ["tag.x:nightly", "tag.x:nightly"],
  ["a,,b", "a,,b"],
  ["source:a.b.c.d", "source:a.b.c.d"],
  ["   ", "   "],
];

describe("malformed selectors", () => {
  test.each(bad)("%s is a UserError naming %s", (selector, token) => {
    let error: unknown;
    try {
      selectNodes(handGraph(), selector);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where.token).toBe(token);
  });

  test("a bad exclude names its token too", () => {
    expect(() => selectNodes(handGraph(), "stg_orders", "nope:x")).toThrow(/nope:x/);
  });
});
