// Drives the built CLI (dist/cli.js) the way scripts do: JSON keys, exit codes, one-line errors.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { dbtFixturePath } from "../fixtures/paths";

const CLI = join(__dirname, "../../dist/cli.js");
const FIXTURE = dbtFixturePath("jaffle_shop_v12_dbt1.11.json");

function decp(...args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe("decp import-dbt and decp select", () => {
  let root: string;
  let vault: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-dbt-cli-"));
    vault = join(root, "vault");
    mkdirSync(vault);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("--manifest imports, re-imports with nothing written, and select reads the notes", () => {
    const first = decp("import-dbt", vault, "--manifest", FIXTURE, "--json");
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ models: 13, sources: 6, macros: 6, written: 32, unchanged: 0 });
    const again = JSON.parse(decp("import-dbt", vault, "--manifest", FIXTURE, "--json").stdout) as Record<
      string,
      unknown
    >;
    expect(again).toMatchObject({ models: 13, sources: 6, written: 0, unchanged: 32 });

    const selected = decp("select", vault, "+orders", "--exclude", "resource_type:seed", "--json");
    expect(selected.code).toBe(0);
    expect(JSON.parse(selected.stdout)).toEqual({
      nodes: [
        "model.jaffle_shop.order_items",
        "model.jaffle_shop.orders",
        "model.jaffle_shop.stg_order_items",
        "model.jaffle_shop.stg_orders",
        "model.jaffle_shop.stg_products",
        "model.jaffle_shop.stg_supplies",
        "source.jaffle_shop.ecom.raw_items",
        "source.jaffle_shop.ecom.raw_orders",
        "source.jaffle_shop.ecom.raw_products",
        "source.jaffle_shop.ecom.raw_supplies",
      ],
    });
    expect(decp("import-dbt", vault, "--manifest", FIXTURE).stdout).toContain("0 notes written");
  });

  test("--project reads a project folder and reports unresolved refs", () => {
    const project = join(root, "dbt");
    const { files } = generateDbtProject({ models: 60, seed: 2, name: "acme" });
    files["models/reporting/rpt_dynamic.sql"] = "select * from {{ ref(var('which')) }}\n";
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(project, path)), { recursive: true });
      writeFileSync(join(project, path), text);
    }
    const result = decp("import-dbt", vault, "--project", project, "--json");
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      models: number;
      written: number;
      unresolved: { file: string; line: number }[];
    };
    expect(json.models).toBe(61);
    expect(json.unresolved).toEqual([expect.objectContaining({ file: "models/reporting/rpt_dynamic.sql", line: 1 })]);
    expect(JSON.parse(decp("import-dbt", vault, "--project", project, "--json").stdout)).toMatchObject({
      written: 0,
      unchanged: json.written,
    });
    expect(decp("select", vault, "dim_customers+1,tag:reporting").stdout.split("\n").length).toBeGreaterThan(5);
  });

  test("errors: exit 1 with one line on stderr, usage errors exit 2, nothing half-written", () => {
    const badJson = join(root, "manifest.json");
    writeFileSync(badJson, '{\n  "nodes": {\n    "a": ,\n');
    const invalid = decp("import-dbt", vault, "--manifest", badJson);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr.trim().split("\n")).toHaveLength(1);
    expect(invalid.stderr).toContain("manifest.json:3:10: Not valid JSON");

    expect(decp("import-dbt", vault, "--manifest", join(root, "missing.json")).stderr).toContain("does not exist");
    expect(decp("import-dbt", vault, "--project", join(root, "nowhere")).code).toBe(1);
    expect(decp("import-dbt", vault).code).toBe(2);
    expect(decp("import-dbt", vault, "--manifest", FIXTURE, "--project", root).code).toBe(2);
    expect(readdirSync(vault)).toEqual([]);
    const bad = decp("select", vault, "tag:nightly,+");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"+"');
    expect(decp("select", vault, "x", "--json").stdout).toBe('{\n  "nodes": []\n}\n');
  });
});
