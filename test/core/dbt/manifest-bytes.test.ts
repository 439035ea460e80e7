import { parseJsonText, readManifest, scanManifest } from "../../../src/core/dbt";
import { UserError } from "../../../src/core/errors";
import { generateDbtProject } from "../../../src/demo/generate-dbt-project";
import { FIXTURES, fixtureText } from "./fixtures";

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The project (or the UserError's line) the whole-text reader gives. */
function viaParse(text: string, file = "target/manifest.json"): unknown {
  try {
    return readManifest(parseJsonText(text, file), file);
  } catch (error) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
}

/** The project read from the bytes, without the raw entries' hashes (the parsed text has none). */
function viaBytes(text: string, file = "target/manifest.json"): unknown {
  try {
    const project = scanManifest(bytesOf(text), file).project();
    for (const detail of project.nodes) {
      expect(detail.rawKey).toMatch(/^[0-9a-f]{14}-[0-9a-f]+$/);
      delete detail.rawKey;
    }
    return project;
  } catch (error) {
    if (error instanceof UserError) return error.describe();
    throw error;
  }
}

const METADATA = {
  dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
  generated_at: "2026-01-01T00:00:00Z",
  invocation_id: "a",
  project_name: "p",
  adapter_type: "duckdb",
};
const model = (name: string, extra: Record<string, unknown> = {}) => ({
  resource_type: "model",
  name,
  unique_id: `model.p.${name}`,
  package_name: "p",
  original_file_path: `models/${name}.sql`,
  ...extra,
});

describe("scanManifest reads what readManifest reads from the parsed text", () => {
  test.each(FIXTURES)("%s", (file) => {
    const text = fixtureText(file);
    expect(viaBytes(text, file)).toEqual(viaParse(text, file));
  });

  test.each([
    ["duckdb", 120],
    ["snowflake", 300],
  ] as const)("a generated %s project of %d models", (dialect, models) => {
    const text = JSON.stringify(generateDbtProject({ models, dialect }).manifest, null, dialect === "duckdb" ? 0 : 2);
    const read = viaBytes(text);
    expect(read).toEqual(viaParse(text));
    expect((read as { nodes: unknown[] }).nodes.length).toBeGreaterThan(models);
  });

  const odd: [string, unknown][] = [
    [
      "escaped keys and non-ASCII text",
      { metadata: METADATA, nodes: { 'model.p.\u00e9\\"x': model("caf\u00e9 \u2603") } },
    ],
    ["a repeated key keeps its first place and last value", null],
    [
      "array-index keys come first, ascending",
      { metadata: METADATA, nodes: { b: model("b"), "10": model("ten"), "2": model("two") } },
    ],
    [
      "entries that are not objects",
      { metadata: METADATA, nodes: { a: 1, b: [model("b")], c: model("c") }, sources: { s: "x" } },
    ],
    [
      "parent_map overrides depends_on",
      {
        metadata: METADATA,
        nodes: { "model.p.a": model("a", { depends_on: { nodes: ["x"] } }) },
        parent_map: { "model.p.a": ["y", 3] },
      },
    ],
    ["no metadata", { nodes: {} }],
    ["nodes is a list", { metadata: METADATA, nodes: [] }],
    [
      "an unknown schema version",
      { metadata: { ...METADATA, dbt_schema_version: "https://x/manifest/v99.json" }, nodes: {} },
    ],
    ["a document that is a list", [1, 2]],
  ];
  test.each(odd)("%s", (_label, manifest) => {
    const text =
      manifest === null
        ? `{"metadata": ${JSON.stringify(METADATA)}, "nodes": {"model.p.a": ${JSON.stringify(model("a"))}, "model.p.b": ${JSON.stringify(model("b"))}, "model.p.a": ${JSON.stringify(model("a2"))}}}`
        : JSON.stringify(manifest);
    expect(viaBytes(text)).toEqual(viaParse(text));
  });
});

describe("scanManifest refuses malformed JSON as the whole-text parse does (file, line, column)", () => {
  const good = JSON.stringify({ metadata: METADATA, nodes: { "model.p.a": model("a") } }, null, 1);
  const broken: [string, string][] = [
    ["a bare word in a node", good.replace('"model"', "modelx")],
    ["a bare word in a section no note is made from", good.replace(/}\s*$/, ',"child_map": {"a": [tru]}}')],
    ["a byte order mark", `\ufeff${good}`],
    ["a truncated file", good.slice(0, good.length / 2)],
    ["garbage after the document", `${good}\nx`],
    ["a control character in a string", good.replace("models/a.sql", "models/\u0001a.sql")],
  ];
  test.each(broken)("%s", (_label, text) => {
    const parsed = viaParse(text);
    expect(parsed).toMatch(/^target\/manifest\.json:\d+:\d+: Not valid JSON: /);
    expect(viaBytes(text)).toEqual(parsed);
  });
});

describe("the manifest digest", () => {
  const base = generateDbtProject({ models: 40 }).manifest as Record<string, unknown> & {
    metadata: Record<string, unknown>;
    nodes: Record<string, Record<string, unknown>>;
  };
  const digest = (manifest: unknown) => scanManifest(bytesOf(JSON.stringify(manifest)), "m.json").digest;

  test("a fresh compile (new generated_at and invocation_id) keeps it", () => {
    const recompiled = {
      ...base,
      metadata: { ...base.metadata, generated_at: "2027-01-01T00:00:00Z", invocation_id: "z" },
    };
    expect(digest(recompiled)).toBe(digest(base));
    expect(digest(base)).toMatch(/^[0-9a-f]{14}-[0-9a-f]+$/);
  });

  test("any change to what notes are made from changes it", () => {
    const id = Object.keys(base.nodes).find((k) => k.startsWith("model."))!;
    const edited = { ...base, nodes: { ...base.nodes, [id]: { ...base.nodes[id], raw_code: "select 2" } } };
    const parents = { ...base, parent_map: { ...(base.parent_map as object), [id]: [] } };
    const adapter = { ...base, metadata: { ...base.metadata, adapter_type: "snowflake" } };
    const exposures = { ...base, exposures: { "exposure.p.e": { name: "e", depends_on: { nodes: [id] } } } };
    const digests = [base, edited, parents, adapter, exposures].map(digest);
    expect(new Set(digests).size).toBe(digests.length);
  });

  test("a file that is not one JSON object has none, and is read (or refused) whole", () => {
    const scanned = scanManifest(bytesOf("[1]"), "m.json");
    expect(scanned.digest).toBeUndefined();
    expect(() => scanned.project()).toThrow(UserError);
  });

  test("the project name comes from the metadata when stated", () => {
    expect(scanManifest(bytesOf(JSON.stringify(base)), "m.json").projectName).toBe("acme");
  });
});
