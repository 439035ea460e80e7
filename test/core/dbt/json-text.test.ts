import { parseJsonText, readManifest } from "../../../src/core/dbt";
import { UserError } from "../../../src/core/errors";
import { fixtureManifest } from "./fixtures";

/** The one line a user sees for the UserError `run` throws. */
function describeFailure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
  throw new Error("expected a UserError");
}

const invalid: [string, string, number, number][] = [
  ["a missing value", '{\n  "nodes": {\n    "a": }\n}', 3, 10],
  ["a trailing comma", '{\n  "nodes": {},\n}', 3, 1],
  ["an unterminated document", '{\n  "nodes": {\n', 3, 1],
  ["garbage after the document", '{"nodes": {}}\nx', 2, 1],
  ["a bare word", '{"a": tru}', 1, 7],
];

describe("parseJsonText", () => {
  test.each(invalid)("%s: a UserError naming line and column", (_label, text, line, column) => {
    let error: unknown;
    try {
      parseJsonText(text, "target/manifest.json");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).where).toEqual({ file: "target/manifest.json", line, column });
    expect((error as UserError).describe()).toMatch(
      new RegExp(`^target/manifest\\.json:${line}:${column}: Not valid JSON: `),
    );
  });

  test("valid JSON parses as JSON.parse does", () => {
    expect(parseJsonText('{"a": [1, "x", null, true]}', "f.json")).toEqual({ a: [1, "x", null, true] });
  });
});

describe("manifests this version cannot read are refused with one line, before anything is planned", () => {
  test.each([
    ["a schema version from the future", "v13", /^x\.json: The manifest uses schema v13; decp reads v6 to v12\./],
    ["a schema version from the past", "v5", /^x\.json: The manifest uses schema v5;/],
    ["no schema version", undefined, /^x\.json: The manifest does not state its schema version/],
  ])("%s", (_label, version, message) => {
    const manifest = fixtureManifest("jaffle_shop_v12_dbt1.11.json");
    const metadata = manifest.metadata as Record<string, unknown>;
    if (version) metadata.dbt_schema_version = `https://schemas.getdbt.com/dbt/manifest/${version}.json`;
    else delete metadata.dbt_schema_version;
    expect(() => readManifest(manifest, "x.json")).toThrow(UserError);
    expect(describeFailure(() => readManifest(manifest, "x.json"))).toMatch(message);
  });

  test.each([
    ["package.json", { name: "x", version: "1.0.0", dependencies: {} }],
    ["an array", [1, 2]],
    [
      "a manifest without nodes",
      { metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json" } },
    ],
  ])("%s is not a manifest", (_label, json) => {
    expect(describeFailure(() => readManifest(json, "x.json"))).toMatch(
      /^x\.json: Not a dbt manifest \(it has no "metadata" and "nodes" objects\)\. Pass dbt's target\/manifest\.json/,
    );
  });

  test("broken nodes of a readable manifest are skipped and named", () => {
    const manifest = fixtureManifest("jaffle_shop_v12_dbt1.11.json");
    const nodes = manifest.nodes as Record<string, Record<string, unknown>>;
    nodes["model.jaffle_shop.broken"] = { resource_type: "model", unique_id: "model.jaffle_shop.broken" };
    nodes["model.jaffle_shop.weird"] = "not an object" as unknown as Record<string, unknown>;
    const project = readManifest(manifest, "manifest.json");
    expect(project.nodes.filter((d) => d.node.resourceType === "model")).toHaveLength(13);
    expect(project.warnings).toEqual(
      expect.arrayContaining([
        "model.jaffle_shop.broken has no name; skipped",
        "nodes.model.jaffle_shop.weird is not an object; skipped",
      ]),
    );
  });
});

describe("deeply nested JSON", () => {
  const depth = 200_000;
  test("truncated: a UserError with line and column, not a RangeError", () => {
    const text = `{"nodes": ${"[".repeat(depth)}`;
    expect(describeFailure(() => parseJsonText(text, "deep.json"))).toMatch(
      /^deep\.json:1:\d+: Not valid JSON: unexpected end of input\./,
    );
  });

  test("valid but absurd: a config nested past any dbt config is refused naming the node", () => {
    const manifest = fixtureManifest("jaffle_shop_v12_dbt1.11.json");
    const nodes = manifest.nodes as Record<string, Record<string, unknown>>;
    const deep = JSON.parse(`{"x": ${"[".repeat(5000)}1${"]".repeat(5000)}}`) as unknown;
    nodes["model.jaffle_shop.customers"].config = deep;
    expect(() => readManifest(manifest, "m.json")).toThrow(
      /config of model\.jaffle_shop\.customers is nested more than 32 levels/,
    );
  });
});

describe("a very large manifest", () => {
  // The reader copies out what notes need, so the parsed JSON (tens of MB for 5,000 models) can be
  // collected as soon as readManifest returns: no node keeps a reference into it.
  test("the project read from it shares no object with the parsed JSON", () => {
    const { generateDbtProject } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the generator is only needed here
      require("../../../src/demo/generate-dbt-project") as typeof import("../../../src/demo/generate-dbt-project");
    const text = JSON.stringify(generateDbtProject({ models: 2000, seed: 5, name: "acme" }).manifest);
    const parsed = parseJsonText(text, "manifest.json");
    const originals = new Set<object>();
    const collect = (value: unknown): void => {
      if (value === null || typeof value !== "object" || originals.has(value)) return;
      originals.add(value);
      for (const child of Object.values(value)) collect(child);
    };
    collect(parsed);
    const project = readManifest(parsed, "manifest.json");
    expect(project.nodes).toHaveLength(2000 + 300 + 2);
    const shared: string[] = [];
    const check = (value: unknown, where: string): void => {
      if (value === null || typeof value !== "object") return;
      if (originals.has(value)) shared.push(where);
      for (const [key, child] of Object.entries(value)) check(child, `${where}.${key}`);
    };
    project.nodes.forEach((d) => check(d, d.node.uniqueId));
    expect(shared).toEqual([]);
  });
});
