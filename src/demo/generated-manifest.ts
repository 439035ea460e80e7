// The manifest half of the generated project: a dbt-schema-v12-shaped manifest.json object that agrees
// with the generated files (nodes, sources, tests with attached_node, parent_map, child_map), with
// compiled_code naming relations as the project's adapter does.

import { shortFingerprint } from "../core/content-hash";
import type { GeneratedModel, GeneratedSource } from "./generated-models";
import type { SqlFlavor } from "./generated-sql";

const SEED_COLUMNS: Record<string, string> = {
  country_code: "ISO 3166-1 alpha-2 country code.",
  country_name: "The country's English name.",
};

export function buildManifest(
  project: string,
  sources: GeneratedSource[],
  models: GeneratedModel[],
  files: Record<string, string>,
  flavor: SqlFlavor,
): Record<string, unknown> {
  const database = flavor.database;
  const schemaOf = new Map<string, string>([["country_codes", "seeds"]]);
  for (const m of models) schemaOf.set(m.name, m.layer);
  const nodes: Record<string, unknown> = {};
  const sourceNodes: Record<string, unknown> = {};
  const parentMap: Record<string, string[]> = {};
  const idOf = new Map<string, string>();
  const seedId = `seed.${project}.country_codes`;
  idOf.set("country_codes", seedId);
  for (const m of models) idOf.set(m.name, `model.${project}.${m.name}`);
  const sourceId = (s: string, t: string): string => `source.${project}.${s}.${t}`;

  for (const s of sources) {
    const id = sourceId(s.sourceName, s.table);
    const folderParts = s.folder.split("/").slice(1);
    sourceNodes[id] = {
      database,
      schema: `raw_${s.sourceName}`,
      name: s.table,
      resource_type: "source",
      package_name: project,
      path: `${s.folder}/_${s.sourceName}__sources.yml`,
      original_file_path: `${s.folder}/_${s.sourceName}__sources.yml`,
      unique_id: id,
      fqn: [project, ...folderParts, s.sourceName, s.table],
      source_name: s.sourceName,
      source_description: `Raw ${s.sourceName} data, loaded hourly.`,
      loader: "",
      identifier: s.table,
      description: s.description,
      columns: Object.fromEntries(
        s.columns.map((c) => [
          c.name,
          { name: c.name, description: c.description, meta: {}, data_type: null, tags: [] },
        ]),
      ),
      meta: {},
      tags: [],
      config: { enabled: true },
      relation_name: flavor.relation(database, `raw_${s.sourceName}`, s.table),
    };
    parentMap[id] = [];
  }
  nodes[seedId] = {
    database,
    schema: "seeds",
    name: "country_codes",
    resource_type: "seed",
    package_name: project,
    path: "country_codes.csv",
    original_file_path: "seeds/country_codes.csv",
    unique_id: seedId,
    fqn: [project, "country_codes"],
    alias: "country_codes",
    checksum: { name: "sha256", checksum: shortFingerprint(files["seeds/country_codes.csv"]) },
    config: { enabled: true, materialized: "seed" },
    tags: [],
    description: "One row per country: ISO code and English name.",
    columns: Object.fromEntries(
      Object.entries(SEED_COLUMNS).map(([c, d]) => [
        c,
        { name: c, description: d, meta: {}, data_type: null, tags: [] },
      ]),
    ),
    relation_name: flavor.relation(database, "seeds", "country_codes"),
    raw_code: "",
    depends_on: { macros: [], nodes: [] },
  };
  parentMap[seedId] = [];
  const snapshotId = `snapshot.${project}.customers_snapshot`;
  const snapshotSql = files["snapshots/customers_snapshot.sql"];
  nodes[snapshotId] = {
    database,
    schema: "snapshots",
    name: "customers_snapshot",
    resource_type: "snapshot",
    package_name: project,
    path: "customers_snapshot.sql",
    original_file_path: "snapshots/customers_snapshot.sql",
    unique_id: snapshotId,
    fqn: [project, "customers_snapshot", "customers_snapshot"],
    alias: "customers_snapshot",
    config: { enabled: true, materialized: "snapshot", strategy: "timestamp", unique_key: "id" },
    tags: [],
    description: "",
    columns: {},
    raw_code: snapshotSql,
    language: "sql",
    refs: [],
    sources: [["crm", "customers"]],
    depends_on: { macros: [], nodes: [sourceId("crm", "customers")] },
  };
  parentMap[snapshotId] = [sourceId("crm", "customers")];

  for (const m of models) {
    const id = idOf.get(m.name)!;
    const path = `${m.folder}/${m.name}.sql`;
    const raw = files[path];
    const parents = [...m.sources.map(([s, t]) => sourceId(s, t)), ...m.refs.map((r) => idOf.get(r)!)];
    const compiled = raw
      .replace(/\{\{ ref\('([^']+)'\) \}\}/g, (_, r: string) => flavor.relation(database, schemaOf.get(r)!, r))
      .replace(/\{\{ source\('([^']+)', '([^']+)'\) \}\}/g, (_, s: string, t: string) =>
        flavor.relation(database, `raw_${s}`, t),
      )
      .replace(/\{\{ this \}\}/g, flavor.relation(database, m.layer, m.name))
      .replace(/\{\{ config\([^)]*\) \}\}\n\n/, "")
      .replace(/\{% if is_incremental\(\) %\}\n|\{% endif %\}\n?/g, "");
    nodes[id] = {
      database,
      schema: m.layer,
      name: m.name,
      resource_type: "model",
      package_name: project,
      path: path.slice("models/".length),
      original_file_path: path,
      unique_id: id,
      fqn: [project, ...m.folder.split("/").slice(1), m.name],
      alias: m.name,
      checksum: { name: "sha256", checksum: shortFingerprint(raw) },
      config: {
        enabled: true,
        alias: null,
        schema: null,
        tags: m.tags,
        meta: {},
        materialized: m.materialized,
        ...(m.incremental ? { unique_key: m.key, incremental_strategy: null } : {}),
        on_schema_change: "ignore",
      },
      tags: m.tags,
      description: m.description,
      columns: Object.fromEntries(
        m.columns.map((c) => [c, { name: c, description: m.docs[c], meta: {}, data_type: null, tags: [] }]),
      ),
      relation_name: flavor.relation(database, m.layer, m.name),
      patch_path: `${project}://${m.folder}/schema.yml`,
      raw_code: raw,
      language: "sql",
      refs: m.refs.map((r) => ({ name: r, package: null, version: null })),
      sources: m.sources.map(([s, t]) => [s, t]),
      depends_on: { macros: m.incremental ? ["macro.dbt.is_incremental"] : [], nodes: parents },
      compiled_path: `target/compiled/${project}/${path}`,
      compiled: true,
      compiled_code: compiled,
      version: null,
      latest_version: null,
    };
    parentMap[id] = parents;
    for (const kind of ["unique", "not_null"]) {
      const column = m.key;
      const testName = `${kind}_${m.name}_${column}`;
      const testId = `test.${project}.${testName}.${shortFingerprint(testName).slice(0, 10)}`;
      nodes[testId] = {
        name: testName,
        resource_type: "test",
        package_name: project,
        unique_id: testId,
        original_file_path: `${m.folder}/schema.yml`,
        fqn: [project, ...m.folder.split("/").slice(1), testName],
        column_name: column,
        attached_node: id,
        test_metadata: {
          name: kind,
          kwargs: { column_name: column, model: `{{ get_where_subquery(ref('${m.name}')) }}` },
          namespace: null,
        },
        depends_on: { macros: [`macro.dbt.test_${kind}`], nodes: [id] },
        config: { enabled: true, severity: "ERROR" },
        tags: [],
      };
      parentMap[testId] = [id];
    }
  }
  const childMap: Record<string, string[]> = {};
  for (const id of Object.keys(parentMap)) childMap[id] = [];
  for (const [child, parents] of Object.entries(parentMap)) for (const parent of parents) childMap[parent].push(child);
  for (const list of Object.values(childMap)) list.sort();
  return {
    metadata: {
      dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json",
      dbt_version: "1.8.9",
      generated_at: "2026-01-01T00:00:00.000000Z",
      invocation_id: "00000000-0000-0000-0000-000000000000",
      env: {},
      project_name: project,
      project_id: shortFingerprint(project),
      adapter_type: flavor.dialect,
    },
    nodes,
    sources: sourceNodes,
    macros: {},
    docs: {},
    exposures: {},
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}
