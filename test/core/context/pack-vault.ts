// Test vaults for packs: a dbt-like project (model notes with lineage in frontmatter) whose focus
// has 200+ descendants, and a plain-notes vault with links, backlinks and a cycle.

import { FsVault } from "../../../src/cli/fs-vault";
import { importDbtProject, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { modelNote } from "./corpus";

export const FOCUS = "fct_orders";

export async function writeLineageVault(vault: FsVault): Promise<{ descendants: string[]; all: string[] }> {
  const notes: Record<string, string> = {};
  const put = (folder: string, name: string, up: string[], down: string[], extra = "") => {
    notes[`dbt/acme/models/${folder}/${name}.md`] = modelNote(name, up, down, extra);
  };
  put("staging", "stg_orders", ["raw_orders"], [FOCUS]);
  put("staging", "stg_payments", ["raw_payments"], [FOCUS]);
  put("sources", "raw_orders", [], ["stg_orders"]);
  put("sources", "raw_payments", [], ["stg_payments"]);
  const children = Array.from({ length: 10 }, (_, i) => `int_orders_${i}`);
  put("marts", FOCUS, ["stg_orders", "stg_payments"], children, "It is the grain every report relies on. ".repeat(20));
  const descendants: string[] = [...children];
  children.forEach((child, i) => {
    const grandchildren = Array.from({ length: 20 }, (_, j) => `rpt_${i}_${j}`);
    descendants.push(...grandchildren);
    put("intermediate", child, [FOCUS], grandchildren);
    for (const g of grandchildren) put("reporting", g, [child], []);
  });
  notes["Copilot/Loops/LOOP-001 Check int_orders_7.md"] =
    `---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Check int_orders_7\nmodels: ["[[int_orders_7]]"]\n---\n## Context\nWhy does [[int_orders_7]] double count?\n`;
  for (const [path, text] of Object.entries(notes)) await vault.write(path, text);
  return { descendants, all: Object.keys(notes) };
}

export async function writePlainVault(vault: FsVault): Promise<void> {
  await vault.write(
    "Projects/Migration plan.md",
    "# Migration plan\n\nWe move the warehouse. See [[Risks]] and [[Timeline]].\n\n%% teaching: keep plans short %%\n",
  );
  await vault.write(
    "Projects/Risks.md",
    "# Risks\n\n- Data loss; see [Timeline](Timeline.md)\n- Back to [[Migration plan]] (a cycle)\n",
  );
  await vault.write("Projects/Timeline.md", '---\nrelated: "[[Glossary]]"\n---\n# Timeline\n\nQ1: copy. Q2: switch.\n');
  await vault.write("Glossary.md", "# Glossary\n\nWarehouse: where the data lives.\n");
  await vault.write("Daily/2026-01-21.md", "Worked on [[Migration plan]] today.\n");
  await vault.write("Unrelated.md", "# Unrelated\n\nNothing links here.\n");
}

/**
 * A small imported project around dim_customers whose children differ in what ranks them: an
 * incremental model, tables with more or less reach (children, an exposure), views, and one view whose
 * SQL names the segment column. Imported from a manifest, so the notes are what users get.
 */
export async function writeRankingVault(vault: FsVault): Promise<void> {
  const node = (name: string, materialized: string, parents: string[], raw: string, compiled?: string) => ({
    resource_type: "model",
    name,
    unique_id: `model.acme.${name}`,
    package_name: "acme",
    original_file_path: `models/${name}.sql`,
    database: "analytics",
    schema: "marts",
    alias: name,
    fqn: ["acme", name],
    tags: [],
    config: { materialized, ...(materialized === "incremental" ? { unique_key: "order_id" } : {}) },
    description: `The ${name} model.`,
    columns: {},
    raw_code: raw,
    ...(compiled ? { compiled_code: compiled } : {}),
    depends_on: { nodes: parents.map((p) => `model.acme.${p}`), macros: [] },
  });
  const child = (name: string, materialized: string, sql = "select * from {{ ref('dim_customers') }}") =>
    node(name, materialized, ["dim_customers"], sql);
  const dim = {
    ...node(
      "dim_customers",
      "table",
      ["stg_customers"],
      "select * from {{ ref('stg_customers') }}",
      'select * from "analytics"."staging"."stg_customers"',
    ),
    columns: {
      customer_id: { name: "customer_id", description: "The key." },
      segment: { name: "segment", description: "The marketing segment." },
    },
  };
  const nodes = [
    node("stg_customers", "view", [], "select 1 as customer_id, 'a' as segment"),
    dim,
    child("fct_orders", "incremental"),
    child("dim_segments", "table"),
    child("agg_daily", "table"),
    child("a_view", "view"),
    child("b_view", "view"),
    child("c_view", "view", "select customer_id, segment from {{ ref('dim_customers') }}"),
    node("x1", "view", ["dim_segments"], "select 1"),
    node("x2", "view", ["dim_segments"], "select 1"),
    node("x3", "view", ["agg_daily"], "select 1"),
    node("x4", "view", ["a_view"], "select 1"),
  ];
  const test = (kind: string, column: string) => ({
    resource_type: "test",
    name: `${kind}_dim_customers_${column}`,
    unique_id: `test.acme.${kind}_dim_customers_${column}`,
    test_metadata: { name: kind, kwargs: { column_name: column } },
    column_name: column,
    attached_node: "model.acme.dim_customers",
    depends_on: { nodes: ["model.acme.dim_customers"] },
  });
  const manifest = {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json", project_name: "acme" },
    nodes: Object.fromEntries(
      [...nodes, test("unique", "customer_id"), test("not_null", "customer_id")].map((n) => [n.unique_id, n]),
    ),
    sources: {},
    exposures: {
      "exposure.acme.segments_board": {
        name: "segments_board",
        type: "dashboard",
        depends_on: { nodes: ["model.acme.dim_segments"] },
      },
    },
  };
  await importDbtProject(vault, DEFAULT_SETTINGS, readManifest(manifest));
}
