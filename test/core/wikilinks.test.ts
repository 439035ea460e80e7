import fc from "fast-check";
import {
  aliasedWikilink,
  findWikilinks,
  linkTarget,
  linkedNoteName,
  parseWikilink,
  unwrapWikilink,
  wikilink,
  wikilinkTargets,
} from "../../src/core/wikilinks";

describe("parseWikilink: a value that is one link", () => {
  test.each([
    ["[[fct_orders]]", { target: "fct_orders", subpath: "" }],
    ["  [[fct_orders]] ", { target: "fct_orders", subpath: "" }],
    ["[[fct_orders|Orders]]", { target: "fct_orders", subpath: "", alias: "Orders" }],
    ["[[fct_orders#Columns]]", { target: "fct_orders", subpath: "#Columns" }],
    ["[[fct_orders#^block|b]]", { target: "fct_orders", subpath: "#^block", alias: "b" }],
    ["[[dbt/acme/orders.md]]", { target: "dbt/acme/orders.md", subpath: "" }],
    ["![[diagram.png]]", { target: "diagram.png", subpath: "" }],
    ["fct_orders", null],
    ["[[a]] and [[b]]", null],
    ["[[a\nb]]", null],
  ])("%j", (value, expected) => {
    expect(parseWikilink(value)).toEqual(expected);
  });
});

test.each([
  ["[[fct_orders#Columns|Orders]]", "fct_orders", "fct_orders#Columns|Orders", "fct_orders"],
  ["fct_orders", "fct_orders", "fct_orders", "fct_orders"],
  [" plain text ", "plain text", "plain text", "plain text"],
  ["[[dbt/acme/models/orders.md|x]]", "dbt/acme/models/orders.md", "dbt/acme/models/orders.md|x", "orders"],
  ["[[2026-01-21]]", "2026-01-21", "2026-01-21", "2026-01-21"],
])("%j: target %j, unwrapped %j, note name %j", (value, target, unwrapped, name) => {
  expect(linkTarget(value)).toBe(target);
  expect(unwrapWikilink(value)).toBe(unwrapped);
  expect(linkedNoteName(value)).toBe(name);
});

test("wikilink writes a plain link", () => {
  expect(wikilink("fct_orders")).toBe("[[fct_orders]]");
  expect(linkTarget(wikilink("Copilot/Sessions/2026-01-21 summary"))).toBe("Copilot/Sessions/2026-01-21 summary");
});

test("linkedNoteName of something that is not text is empty", () => {
  expect(linkedNoteName(undefined)).toBe("");
  expect(linkedNoteName(7)).toBe("");
});

test.each([
  ["fct_orders", undefined, "[[fct_orders]]"],
  ["Copilot/Loops/LOOP-007 Grain", "LOOP-007", "[[Copilot/Loops/LOOP-007 Grain|LOOP-007]]"],
  ["LOOP-007", "LOOP-007", "[[LOOP-007]]"],
  ["LOOP-007", "", "[[LOOP-007]]"],
])("rendering %j aliased %j", (target, alias, expected) => {
  expect(aliasedWikilink(target, alias)).toBe(expected);
});

test("every link in a text, embeds included, with where each stands", () => {
  const text = "See [[fct_orders]] and ![[lineage.png|200]], not [[]]; also [[stg_orders#Columns|cols]].";
  expect(wikilinkTargets(text)).toEqual(["fct_orders", "lineage.png", "stg_orders"]);
  expect(findWikilinks(text).map(({ text, index, embed }) => ({ text, index, embed }))).toEqual([
    { text: "[[fct_orders]]", index: 4, embed: false },
    { text: "![[lineage.png|200]]", index: 23, embed: true },
    { text: "[[]]", index: 49, embed: false },
    { text: "[[stg_orders#Columns|cols]]", index: 60, embed: false },
  ]);
});

test("a rendered link reads back as its target (round trip)", () => {
  const name = fc.stringMatching(/^[A-Za-z0-9_ .\-/]{1,30}$/).filter((s) => s.trim() === s && s !== "");
  fc.assert(
    fc.property(name, fc.option(name, { nil: undefined }), (target, alias) => {
      const link = aliasedWikilink(target, alias);
      expect(linkTarget(link)).toBe(target);
      expect(wikilinkTargets(`x ${link} y`)).toEqual([target]);
      expect(aliasedWikilink(parseWikilink(link)!.target, parseWikilink(link)!.alias)).toBe(link);
    }),
  );
});
