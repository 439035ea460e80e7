// The fast frontmatter writer must give exactly the yaml package's text, or decline.

import fc from "fast-check";
import { stringify } from "yaml";
import { fastYaml } from "../../src/core/yaml-fast";
import { frontmatterData, yamlWriteOptions } from "./yaml-arbitraries";

const reference = (data: Record<string, unknown>): string => stringify(data, yamlWriteOptions);

test("whenever the fast writer answers, it answers exactly what the yaml package writes", () => {
  fc.assert(
    fc.property(frontmatterData, (data) => {
      const fast = fastYaml(data);
      if (fast !== null) expect(fast).toBe(reference(data));
    }),
    { numRuns: 3000 },
  );
});

test("a model note's frontmatter takes the fast path, and a value it does not cover falls back", () => {
  const model = {
    type: "model",
    unique_id: "model.acme.fct_orders",
    name: "fct_orders",
    path: "models/marts/fct_orders.sql",
    materialized: "table",
    tags: ["marts", "nightly"],
    fqn: ["acme", "marts", "fct_orders"],
    config: { enabled: true, tags: ["marts"], materialized: "table", alias: null, meta: {} },
    description: "Marts model fct_orders, table.",
    upstream: ["[[int_orders_1]]"],
    downstream: [],
  };
  expect(fastYaml(model)).toBe(reference(model));
  const described = { ...model, description: `Grain: one row per order — ${"joined to customers, ".repeat(12)}#1` };
  expect(fastYaml(described)).toBe(reference(described));
  expect(fastYaml({ ...model, description: 'Grain: one "row" per order' })).toBeNull();
  expect(fastYaml({ ...model, config: { nested: { deeper: [{ a: 1 }] } } })).toBeNull();
});
