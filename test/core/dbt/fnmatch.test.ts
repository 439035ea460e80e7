import { fnmatch, segmentGlob } from "../../../src/core/dbt/fnmatch";

// Rows checked against Python's fnmatch.fnmatchcase, which dbt's selector methods use.
const cases: [name: string, pattern: string, matches: boolean][] = [
  ["stg_orders", "stg_orders", true],
  ["stg_orders", "stg_*", true],
  ["stg_orders", "*_orders", true],
  ["stg_orders", "*", true],
  ["", "*", true],
  ["", "?", false],
  ["stg_orders", "stg_?rders", true],
  ["stg_orders", "stg_??rders", false],
  ["a.b/c", "a*c", true],
  ["stg_orders", "stg_[ox]rders", true],
  ["stg_orders", "stg_[!o]rders", false],
  ["stg_orders", "stg_[a-z]rders", true],
  ["stg_Orders", "stg_[a-z]rders", false],
  ["a]", "[]]", false],
  ["]", "[]]", true],
  ["[x", "[x", true],
  ["^", "[^]", true],
  ["abcabc", "*abc", true],
  ["abcab", "*abc", false],
  ["aaa", "a*a*a", true],
  ["aa", "a*a*a", false],
  ["mississippi", "m*iss*ppi", true],
  ["mississippi", "m*iss*iss*ppi", true],
  ["mississippi", "m*iss*iss*iss*", false],
  ["Stg_Orders", "stg_*", false],
  ["a.b", "a?b", true],
  ["日本語モデル", "日本*", true],
  ["😀x", "?x", true],
];

test.each(cases)("fnmatch(%j, %j) is %s", (name, pattern, matches) => {
  expect(fnmatch(name, pattern)).toBe(matches);
});

const paths: [segments: string, pattern: string, matches: boolean][] = [
  ["models/marts/fct.sql", "models/**", true],
  ["models/marts/fct.sql", "models/*", false],
  ["models/marts/fct.sql", "models/*/*", true],
  ["models/fct.sql", "models/**/fct.sql", true],
  ["models/a/b/c/fct.sql", "models/**/b/**/fct.sql", true],
  ["models/a/b/c/fct.sql", "models/**/d/**/fct.sql", false],
  ["models/a/b", "**", true],
];

test.each(paths)("segmentGlob(%j) against %j is %s", (path, pattern, matches) => {
  expect(segmentGlob(pattern.split("/"))(path.split("/"))).toBe(matches);
});

test("hostile patterns finish: matching never backtracks over stars (fqn:*******x took 39 s)", () => {
  // A backtracking matcher needs about name^stars steps here; these complete in milliseconds.
  expect(fnmatch("a".repeat(5000), "*".repeat(3000) + "x")).toBe(false);
  expect(fnmatch("ab".repeat(5000), "*a*b".repeat(1000) + "*x")).toBe(false);
  expect(fnmatch("a".repeat(2000) + "x", "*a".repeat(500) + "*x")).toBe(true);
  const deep = Array.from({ length: 300 }, () => "a");
  expect(segmentGlob(Array.from({ length: 150 }, () => "**").concat(["b"]))(deep)).toBe(false);
});
