// The fast frontmatter reader must give exactly what the yaml package reads, or decline.

import fc from "fast-check";
import { parse, stringify } from "yaml";
import { fastYaml } from "../../src/core/yaml-fast";
import { fastReadYaml } from "../../src/core/yaml-fast-read";
import { parseNote } from "../../src/core/frontmatter";
import { frontmatterData, yamlKey, yamlText, yamlWriteOptions } from "./yaml-arbitraries";

const reference = (text: string): unknown => parse(text, { schema: "core", uniqueKeys: true }) as unknown;

test("whatever the yaml package writes, the fast reader reads back as yaml does, or declines", () => {
  fc.assert(
    fc.property(frontmatterData, (data) => {
      const written = stringify(data, yamlWriteOptions);
      const fast = fastReadYaml(written);
      if (fast !== null) expect(fast).toEqual(reference(written));
      // Everything the fast writer covers, the fast reader covers too.
      if (fastYaml(data) !== null) expect(fast).not.toBeNull();
    }),
    { numRuns: 3000 },
  );
});

// YAML-looking lines the writer never makes: quotes, flow collections, comments, odd indents, duplicates.
const line = fc.oneof(
  fc
    .tuple(
      yamlKey,
      fc.constantFrom(": ", ":", ": "),
      fc.oneof(
        yamlText,
        fc.constantFrom(
          "[a, b]",
          "{a: 1}",
          "'q'",
          '"a\\"b"',
          "# c",
          "|",
          ">",
          "&a x",
          "*a",
          "~",
          "1e3",
          "+1",
          "0o7",
          "True",
        ),
      ),
    )
    .map(([k, sep, v]) => `${k}${sep}${v}`),
  fc
    .tuple(
      fc.constantFrom("  - ", "    - ", "- ", "   - ", "  "),
      fc.oneof(yamlText, fc.constantFrom('"[[x]]"', "a: b", "[[y]]")),
    )
    .map(([p, v]) => p + v),
  fc.constantFrom("", "a: 1", "a: 2", "  b: c", "#x", "---", "tags:"),
);

test("on arbitrary YAML-like text, a fast answer is always the yaml package's answer", () => {
  fc.assert(
    fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
      const yaml = lines.join("\n") + "\n";
      const fast = fastReadYaml(yaml);
      if (fast === null) return;
      expect(fast).toEqual(reference(yaml));
    }),
    { numRuns: 5000 },
  );
});

test("a model note's frontmatter is read by the fast path and parseNote gives the same note either way", () => {
  const model = {
    type: "model",
    unique_id: "model.acme.fct_orders",
    name: "fct_orders",
    materialized: "table",
    tags: ["marts"],
    config: { enabled: true, tags: ["marts"], meta: {} },
    description: "Marts model fct_orders, table.",
    upstream: ["[[int_orders_1]]"],
    downstream: [],
    rows: 12,
  };
  const yaml = fastYaml(model) as string;
  expect(fastReadYaml(yaml)).toEqual(model);
  // As gray-matter hands it over: from the newline after the opening ---, without the last newline.
  expect(fastReadYaml("\n" + yaml.slice(0, -1))).toEqual(model);
  expect(parseNote(`---\n${yaml}---\n# fct_orders\n`)).toEqual({
    frontmatter: model,
    body: "# fct_orders\n",
    hasFrontmatter: true,
  });
  expect(fastReadYaml("a: 1\na: 2\n")).toBeNull();
  expect(() => parseNote("---\na: 1\na: 2\n---\n", "x.md")).toThrow(/Malformed frontmatter/);
});
