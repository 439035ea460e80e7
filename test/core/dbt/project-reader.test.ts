import { readDbtProject, type ProjectFiles } from "../../../src/core/dbt";
import { UserError } from "../../../src/core/errors";
import { generateDbtProject } from "../../../src/demo/generate-dbt-project";

/** The project folder as an in-memory port; `broken` paths fail to read like an unreadable file. */
function memoryFiles(files: Record<string, string>, broken: string[] = []): ProjectFiles {
  const paths = Object.keys(files).sort();
  return {
    exists: (path) => Promise.resolve(path in files),
    list: (folder = "") => Promise.resolve(paths.filter((p) => folder === "" || p.startsWith(`${folder}/`))),
    read: (path) =>
      broken.includes(path)
        ? Promise.reject(new UserError(`"${path}" cannot be read (permission denied)`, { file: path }))
        : path in files
          ? Promise.resolve(files[path])
          : Promise.reject(new UserError(`"${path}" does not exist`, { file: path })),
  };
}

type Manifest = {
  nodes: Record<string, { resource_type: string; config: { materialized: string }; tags: string[]; fqn: string[] }>;
  sources: Record<string, { fqn: string[] }>;
  parent_map: Record<string, string[]>;
};

describe("readDbtProject over a generated project", () => {
  test("finds the same nodes, parents, fqns, tags and materializations as the manifest", async () => {
    const { files, manifest } = generateDbtProject({ models: 300, seed: 9, name: "acme" });
    const m = manifest as unknown as Manifest;
    const project = await readDbtProject(memoryFiles(files));
    expect(project.name).toBe("acme");
    expect(project.unresolved).toEqual([]);
    const expectedIds = [
      ...Object.keys(m.sources),
      ...Object.keys(m.nodes).filter((id) => !id.startsWith("test.")),
    ].sort();
    expect(project.nodes.map((d) => d.node.uniqueId).sort()).toEqual(expectedIds);
    for (const detail of project.nodes) {
      const id = detail.node.uniqueId;
      expect({ id, parents: detail.parents }).toEqual({ id, parents: [...m.parent_map[id]].sort() });
      const raw = m.nodes[id] ?? m.sources[id];
      expect({ id, fqn: detail.node.fqn }).toEqual({ id, fqn: raw.fqn });
      if (detail.node.resourceType === "model") {
        expect({ id, materialized: detail.materialized, tags: [...detail.node.tags].sort() }).toEqual({
          id,
          materialized: m.nodes[id].config.materialized,
          tags: [...m.nodes[id].tags].sort(),
        });
      }
    }
    const dim = project.nodes.find((d) => d.node.name === "dim_customers")!;
    expect(dim.columns.map((c) => c.name)).toContain("customer_id");
    expect(dim.tests.map((t) => `${t.kind}:${t.column}`)).toEqual(["not_null:customer_id", "unique:customer_id"]);
  });
});

describe("readDbtProject on hand-written projects", () => {
  const project = (models: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> => ({
    "dbt_project.yml": "name: shop\nmodel-paths: ['models']\n",
    "models/sources.yml": "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n",
    ...Object.fromEntries(Object.entries(models).map(([name, sql]) => [`models/${name}.sql`, sql])),
    ...extra,
  });

  test("versioned models, package refs and unresolvable refs: resolved or reported by file and line, never guessed", async () => {
    const files = project(
      {
        stg_orders: "select * from {{ source('raw', 'orders') }}",
        dim_v1: "select 1",
        dim_v2: "select 2",
        latest: "select * from {{ ref('dim') }}",
        pinned: "select * from {{ ref('dim', v=1) }}",
        dynamic:
          "select 1\nfrom {{ ref(var('target_model')) }}\njoin {{ ref('shop', 'stg_orders') }}\njoin {{ ref('utils', 'calendar') }}\njoin {{ ref('nope') }}\njoin {{ source('raw', 'missing') }}",
      },
      {
        "models/schema.yml":
          "version: 2\nmodels:\n  - name: dim\n    latest_version: 2\n    versions:\n      - v: 1\n      - v: 2\n",
      },
    );
    const result = await readDbtProject(memoryFiles(files));
    const parents = Object.fromEntries(result.nodes.map((d) => [d.node.uniqueId, d.parents]));
    expect(parents["model.shop.latest"]).toEqual(["model.shop.dim.v2"]);
    expect(parents["model.shop.pinned"]).toEqual(["model.shop.dim.v1"]);
    expect(parents["model.shop.dynamic"]).toEqual(["model.shop.stg_orders"]);
    expect(parents["model.shop.stg_orders"]).toEqual(["source.shop.raw.orders"]);
    expect(result.unresolved.map((u) => `${u.file}:${u.line} ${u.call}`)).toEqual([
      "models/dynamic.sql:2 ref(var('target_model'))",
      "models/dynamic.sql:4 ref('utils', 'calendar')",
      "models/dynamic.sql:5 ref('nope')",
      "models/dynamic.sql:6 source('raw', 'missing')",
    ]);
  });

  test("the project's own macros: the ones a model calls, dispatch implementations, and test arguments", async () => {
    const files = project(
      {
        orders:
          "select {{ cents_to_dollars('amount') }} as amount, {{ dbt_utils.star(ref('x')) }}\nfrom {{ source('raw', 'orders') }}",
        plain: "select 1 as cents_to_dollars_note",
      },
      {
        "macros/money.sql":
          "{% macro cents_to_dollars(column_name, scale=2) -%}\n  {{ return(adapter.dispatch('cents_to_dollars')(column_name)) }}\n{%- endmacro %}\n\n{% macro default__cents_to_dollars(column_name) -%}\n  ({{ column_name }} / 100)::numeric(16, 2)\n{%- endmacro %}\n",
        "models/schema.yml": [
          "version: 2",
          "models:",
          "  - name: orders",
          "    data_tests:",
          "      - dbt_utils.unique_combination_of_columns:",
          "          arguments:",
          "            combination_of_columns: [order_id, line_no]",
          "    columns:",
          "      - name: customer_id",
          "        data_tests:",
          "          - relationships: {to: \"ref('customers')\", field: id}",
          "",
        ].join("\n"),
      },
    );
    const result = await readDbtProject(memoryFiles(files));
    const node = (name: string) => result.nodes.find((d) => d.node.uniqueId === `model.shop.${name}`)!;
    expect(node("orders").macros).toEqual(["macro.shop.cents_to_dollars"]);
    expect(node("plain").macros).toEqual([]);
    expect(result.macros.map((m) => [m.name, m.arguments, m.macros])).toEqual([
      ["cents_to_dollars", ["column_name", "scale"], ["macro.shop.default__cents_to_dollars"]],
      ["default__cents_to_dollars", ["column_name"], []],
    ]);
    expect(node("orders").tests).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "unique_combination_of_columns", columns: ["order_id", "line_no"] }),
        expect.objectContaining({ kind: "relationships", column: "customer_id", detail: "customers.id" }),
      ]),
    );
  });

  test("a missing dbt_project.yml is a UserError that says what to pass", async () => {
    await expect(readDbtProject(memoryFiles({ "models/a.sql": "select 1" }))).rejects.toThrow(/No dbt_project.yml/);
  });

  test("an unreadable model file fails the import and names the file", async () => {
    const files = project({ a: "select 1", b: "select 2" });
    await expect(readDbtProject(memoryFiles(files, ["models/b.sql"]))).rejects.toMatchObject({
      where: { file: "models/b.sql" },
    });
  });

  test("broken schema YAML names the file and line", async () => {
    const files = project(
      { a: "select 1" },
      { "models/schema.yml": "version: 2\nmodels:\n  - name: a\n    description: [unclosed\n" },
    );
    await expect(readDbtProject(memoryFiles(files))).rejects.toMatchObject({ where: { file: "models/schema.yml" } });
  });
});
