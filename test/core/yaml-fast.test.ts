// The fast frontmatter writer must give exactly the yaml package's text, or decline.

import fc from "fast-check";
import { stringify } from "yaml";
import { fastYaml } from "../../src/core/yaml-fast";

const options = { schema: "core", lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN", aliasDuplicateObjects: false } as const;
const reference = (data: Record<string, unknown>): string => stringify(data, options);

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_ .,/()#:'"-]{0,12}$/);
const text = fc.oneof(word, fc.string({ maxLength: 12 }), fc.constantFrom("yes", "No", "null", "true", "1.5", "0x1F", "a - b", "x #y", "[[stg_orders]]", "[[a b.c]]", "ends ", "two  spaces", "-1", ""));
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const key = fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/), fc.constantFrom("on", "y", "a b", "1"));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(key, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { maxKeys: 4 }));
const frontmatter = fc.dictionary(key, value, { maxKeys: 8 });

test("whenever the fast writer answers, it answers exactly what the yaml package writes", () => {
  fc.assert(
    fc.property(frontmatter, (data) => {
      const fast = fastYaml(data);
      if (fast !== null) expect(fast).toBe(reference(data));
    }),
    { numRuns: 3000 },
  );
});

test("a model note's frontmatter takes the fast path, and a value it does not cover falls back", () => {
  const model = {
    type: "model", unique_id: "model.acme.fct_orders", name: "fct_orders", path: "models/marts/fct_orders.sql", materialized: "table",
    tags: ["marts", "nightly"], fqn: ["acme", "marts", "fct_orders"], config: { enabled: true, tags: ["marts"], materialized: "table", alias: null, meta: {} },
    description: "Marts model fct_orders, table.", upstream: ["[[int_orders_1]]"], downstream: [],
  };
  expect(fastYaml(model)).toBe(reference(model));
  expect(fastYaml({ ...model, description: "Grain: one row per order" })).toBeNull();
  expect(fastYaml({ ...model, config: { nested: { deeper: [{ a: 1 }] } } })).toBeNull();
});
