// Frontmatter-like data for the property tests of the fast YAML writer and reader: words a YAML
// reader might take for something else, numbers, nested maps and lists.

import fc from "fast-check";

export const yamlWriteOptions = {
  schema: "core",
  lineWidth: 0,
  defaultStringType: "PLAIN",
  defaultKeyType: "PLAIN",
  aliasDuplicateObjects: false,
} as const;

const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_ .,/()#:'"-]{0,12}$/);
// Descriptions: sentences with colons, indicators, quotes and non-ASCII, some of which need quoting.
const sentence = fc.stringMatching(/^[ -~\t\u00a0-\u00ff\u2014\u2028\ufeff\u{1F600}]{0,30}$/u);
export const yamlText = fc.oneof(
  word,
  sentence,
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "yes",
    "No",
    "null",
    "true",
    "1.5",
    "0x1F",
    "a - b",
    "x #y",
    "[[stg_orders]]",
    "[[a b.c]]",
    "ends ",
    "two  spaces",
    "-1",
    "007",
    "",
    "Grain: one row per order",
    "# heading",
    "- item",
    "ends:",
    "@mention",
    "café — naïve: yes",
  ),
);
const scalar = fc.oneof(yamlText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
export const yamlKey = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/),
  fc.constantFrom("on", "y", "a b", "1"),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 4 }),
  fc.dictionary(yamlKey, fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { maxKeys: 4 }),
);
export const frontmatterData = fc.dictionary(yamlKey, value, { maxKeys: 8 });
