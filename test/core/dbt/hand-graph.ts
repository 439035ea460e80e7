// A small hand-written lineage used by the selector tests: expectations are derived by hand.
//
//  source raw.orders ──> stg_orders ──┐
//  source raw.customers ─┬> stg_customers ─┬> int_orders_enriched ──> fct_orders ──> rpt_revenue
//  seed country_codes ───┘                 └> dim_customers ─────────────────────────┘
//  util_calendar (package utils) ──> fct_orders      source raw.customers ──> customers_snapshot
import { buildGraph, type LineageGraph, type LineageNode } from "../../../src/core/dbt";

function node(
  partial: Partial<LineageNode> & Pick<LineageNode, "uniqueId" | "name" | "resourceType" | "path" | "fqn">,
): LineageNode {
  return { packageName: "shop", notePath: "", tags: [], config: {}, description: "", ...partial };
}

export function handGraph(): LineageGraph {
  const nodes = [
    node({
      uniqueId: "source.shop.raw.orders",
      name: "orders",
      sourceName: "raw",
      resourceType: "source",
      path: "models/staging/sources.yml",
      fqn: ["shop", "staging", "raw", "orders"],
    }),
    node({
      uniqueId: "source.shop.raw.customers",
      name: "customers",
      sourceName: "raw",
      resourceType: "source",
      path: "models/staging/sources.yml",
      fqn: ["shop", "staging", "raw", "customers"],
    }),
    node({
      uniqueId: "seed.shop.country_codes",
      name: "country_codes",
      resourceType: "seed",
      path: "seeds/country_codes.csv",
      fqn: ["shop", "country_codes"],
    }),
    node({
      uniqueId: "model.shop.stg_orders",
      name: "stg_orders",
      resourceType: "model",
      path: "models/staging/stg_orders.sql",
      fqn: ["shop", "staging", "stg_orders"],
      tags: ["staging"],
      config: { materialized: "view" },
    }),
    node({
      uniqueId: "model.shop.stg_customers",
      name: "stg_customers",
      resourceType: "model",
      path: "models/staging/stg_customers.sql",
      fqn: ["shop", "staging", "stg_customers"],
      tags: ["staging", "pii"],
      config: { materialized: "view" },
    }),
    node({
      uniqueId: "model.shop.int_orders_enriched",
      name: "int_orders_enriched",
      resourceType: "model",
      path: "models/intermediate/int_orders_enriched.sql",
      fqn: ["shop", "intermediate", "int_orders_enriched"],
      config: { materialized: "table" },
    }),
    node({
      uniqueId: "model.shop.fct_orders",
      name: "fct_orders",
      resourceType: "model",
      path: "models/marts/fct_orders.sql",
      fqn: ["shop", "marts", "fct_orders"],
      tags: ["nightly"],
      config: { materialized: "incremental", unique_key: ["order_id", "day"] },
    }),
    node({
      uniqueId: "model.shop.dim_customers",
      name: "dim_customers",
      resourceType: "model",
      path: "models/marts/dim_customers.sql",
      fqn: ["shop", "marts", "dim_customers"],
      tags: ["nightly", "pii"],
      config: { materialized: "table", contract: { enforced: true } },
    }),
    node({
      uniqueId: "model.shop.rpt_revenue",
      name: "rpt_revenue",
      resourceType: "model",
      path: "models/reporting/rpt_revenue.sql",
      fqn: ["shop", "reporting", "rpt_revenue"],
      config: { materialized: "view" },
    }),
    node({
      uniqueId: "snapshot.shop.customers_snapshot",
      name: "customers_snapshot",
      resourceType: "snapshot",
      path: "snapshots/customers_snapshot.sql",
      fqn: ["shop", "customers_snapshot", "customers_snapshot"],
    }),
    node({
      uniqueId: "model.utils.util_calendar",
      name: "util_calendar",
      packageName: "utils",
      resourceType: "model",
      path: "models/util_calendar.sql",
      fqn: ["utils", "util_calendar"],
      config: { materialized: "ephemeral" },
    }),
  ];
  const parents: Record<string, string[]> = {
    "model.shop.stg_orders": ["source.shop.raw.orders"],
    "model.shop.stg_customers": ["source.shop.raw.customers", "seed.shop.country_codes"],
    "model.shop.int_orders_enriched": ["model.shop.stg_orders", "model.shop.stg_customers"],
    "model.shop.fct_orders": ["model.shop.int_orders_enriched", "model.utils.util_calendar"],
    "model.shop.dim_customers": ["model.shop.stg_customers"],
    "model.shop.rpt_revenue": ["model.shop.fct_orders", "model.shop.dim_customers"],
    "snapshot.shop.customers_snapshot": ["source.shop.raw.customers"],
  };
  return buildGraph(nodes, (id) => parents[id] ?? []);
}
