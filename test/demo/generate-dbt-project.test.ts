import { parse as parseYaml } from "yaml";
import { importDbtProject, planImport, readManifest, selectNodes } from "../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { TempVault } from "../core/dbt/fixtures";

type Manifest = {
  nodes: Record<string, { resource_type: string; depends_on: { nodes: string[] } }>;
  parent_map: Record<string, string[]>;
  child_map: Record<string, string[]>;
};

describe("generateDbtProject", () => {
  test("same inputs, same bytes; another seed, another project", () => {
    const a = generateDbtProject({ models: 120, seed: 3, name: "acme" });
    const b = generateDbtProject({ models: 120, seed: 3, name: "acme" });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateDbtProject({ models: 120, seed: 4, name: "acme" }).files)).not.toBe(
      JSON.stringify(a.files),
    );
  });

  test.each([50, 400, 1200])("%i models: layered, consistent maps, valid YAML, a wide dimension", (n) => {
    const { files, manifest } = generateDbtProject({ models: n, seed: 1, name: "acme" });
    const m = manifest as unknown as Manifest;
    const models = Object.values(m.nodes).filter((x) => x.resource_type === "model");
    expect(models).toHaveLength(n);
    for (const [id, node] of Object.entries(m.nodes)) expect(m.parent_map[id]).toEqual(node.depends_on.nodes);
    for (const [child, parents] of Object.entries(m.parent_map))
      for (const p of parents) expect(m.child_map[p]).toContain(child);
    for (const [path, text] of Object.entries(files))
      if (path.endsWith(".yml")) expect(() => parseYaml(text) as unknown).not.toThrow();
    const dimChildren = m.child_map["model.acme.dim_customers"].filter((c) => c.startsWith("model."));
    if (n >= 400) expect(dimChildren.length).toBeGreaterThanOrEqual(180);
    const materialized = new Set(
      Object.values(m.nodes).map((x) => (x as unknown as { config: { materialized: string } }).config.materialized),
    );
    expect([...materialized]).toEqual(expect.arrayContaining(["view", "table", "incremental"]));
  });
});

describe("a generated 5,000-model project", () => {
  let temp: TempVault;
  beforeAll(() => (temp = new TempVault()));
  afterAll(() => temp.dispose());

  test("imports, then re-imports with zero files written", async () => {
    const generated = generateDbtProject({ models: 5000, seed: 42, name: "acme" });
    const manifest = generated.manifest as unknown as Manifest;
    const first = await importDbtProject(temp.vault, DEFAULT_SETTINGS, readManifest(generated.manifest));
    expect(first.models).toBe(5000);
    expect(first.written).toBe(first.models + first.sources + first.seeds + first.snapshots);
    expect(manifest.child_map["model.acme.dim_customers"].filter((c) => c.startsWith("model.")).length).toBeGreaterThan(
      200,
    );

    // Re-import plans against the notes on disk: the graph it builds serves the selector at scale too.
    const again = await planImport(temp.vault, DEFAULT_SETTINGS, readManifest(generated.manifest));
    expect(again.plan.writes).toEqual([]);
    expect(again.report.unchanged).toBe(first.written);
    expect(selectNodes(again.graph, "dim_customers+1").length).toBe(
      1 + manifest.child_map["model.acme.dim_customers"].filter((c) => !c.startsWith("test.")).length,
    );
    // Both imports analyse the columns of 5,000 compiled statements: minutes on a loaded shared machine.
  }, 240_000);
});
