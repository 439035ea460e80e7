// A deterministic dbt project of any size for the demo vault, tests and benchmarks: layered
// sources -> staging -> intermediate -> marts -> reporting, with one wide dimension (dim_customers)
// that every reporting model reads. Pure: returns file texts and a v12-shaped manifest; same inputs, same bytes.

import {
  buildManifest,
  columnDescription,
  modelDescription,
  type GeneratedModel,
  type GeneratedSource,
} from "./generated-manifest";
import { random } from "./random";

export interface GenerateDbtProjectOptions {
  /** Number of models (sources, seeds and snapshots come on top). */
  models: number;
  seed?: number;
  name?: string;
}

export interface GeneratedDbtProject {
  files: Record<string, string>;
  manifest: Record<string, unknown>;
}

const SYSTEMS = ["shop", "payments", "crm", "marketing", "support", "inventory"];
const TOPICS = [
  "orders",
  "customers",
  "payments",
  "products",
  "sessions",
  "refunds",
  "campaigns",
  "tickets",
  "stock",
  "invoices",
];
const ENTITIES = [
  "customers",
  "orders",
  "payments",
  "products",
  "events",
  "refunds",
  "campaigns",
  "tickets",
  "stock_moves",
  "invoices",
  "addresses",
  "subscriptions",
];

export function generateDbtProject(options: GenerateDbtProjectOptions): GeneratedDbtProject {
  const n = Math.max(10, Math.floor(options.models));
  const name = options.name ?? "acme";
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  const pickSome = <T>(items: T[], min: number, max: number): T[] => {
    const count = Math.min(items.length, min + Math.floor(rand() * (max - min + 1)));
    const chosen = new Set<T>();
    while (chosen.size < count) chosen.add(pick(items));
    return [...chosen];
  };

  const staging = Math.max(3, Math.round(n * 0.15));
  const intermediate = Math.max(2, Math.round(n * 0.2));
  const marts = Math.max(2, Math.round(n * 0.2));
  const reporting = n - staging - intermediate - marts;

  const sources: GeneratedSource[] = [];
  const models: GeneratedModel[] = [];
  const add = (m: Omit<GeneratedModel, "columns"> & { columns?: string[] }): GeneratedModel => {
    const model = {
      ...m,
      columns: m.columns ?? [
        `${m.name.replace(/^(stg|int|fct|dim|rpt)_/, "").replace(/__/g, "_")}_id`,
        "created_at",
        "updated_at",
      ],
    };
    models.push(model);
    return model;
  };

  for (let i = 0; i < staging; i++) {
    const system = SYSTEMS[i % SYSTEMS.length];
    const entity = ENTITIES[Math.floor(i / SYSTEMS.length) % ENTITIES.length];
    const round = Math.floor(i / (SYSTEMS.length * ENTITIES.length));
    const table = round === 0 ? entity : `${entity}_${round + 1}`;
    sources.push({ sourceName: system, table, folder: `models/staging/${system}` });
    add({
      name: `stg_${system}__${table}`,
      layer: "staging",
      folder: `models/staging/${system}`,
      materialized: "view",
      tags: ["staging", system],
      refs: i === 0 ? ["country_codes"] : [],
      sources: [[system, table]],
    });
  }
  const stagingModels = models.slice();
  const ints: GeneratedModel[] = [];
  for (let i = 0; i < intermediate; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const upstream = pickSome(stagingModels, 1, 3).map((m) => m.name);
    if (ints.length > 2 && rand() < 0.3) upstream.push(pick(ints).name);
    ints.push(
      add({
        name: `int_${topic}_${i + 1}`,
        layer: "intermediate",
        folder: `models/intermediate/${topic}`,
        materialized: rand() < 0.5 ? "table" : "view",
        tags: ["intermediate"],
        refs: upstream,
        sources: [],
      }),
    );
  }
  const dim = add({
    name: "dim_customers",
    layer: "marts",
    folder: "models/marts/core",
    materialized: "table",
    tags: ["marts", "nightly", "pii"],
    refs: ["stg_crm__customers", ints[0].name],
    sources: [],
    columns: ["customer_id", "customer_name", "email", "country_code", "first_order_at", "lifetime_value", "segment"],
  });
  const martModels: GeneratedModel[] = [dim];
  for (let i = 1; i < marts; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const incremental = rand() < 0.35;
    martModels.push(
      add({
        name: `fct_${topic}_${i}`,
        layer: "marts",
        folder: `models/marts/${topic}`,
        materialized: incremental ? "incremental" : "table",
        tags: incremental ? ["marts", "nightly"] : ["marts"],
        refs: pickSome(ints, 1, 3).map((m) => m.name),
        sources: [],
        incremental,
      }),
    );
  }
  for (let i = 0; i < reporting; i++) {
    const topic = TOPICS[i % TOPICS.length];
    const others = pickSome(martModels.slice(1), 1, 2).map((m) => m.name);
    add({
      name: `rpt_${topic}_${i + 1}`,
      layer: "reporting",
      folder: `models/reporting/${topic}`,
      materialized: "view",
      tags: ["reporting"],
      refs: ["dim_customers", ...others],
      sources: [],
    });
  }
  return buildFiles(name, sources, models);
}

function buildFiles(project: string, sources: GeneratedSource[], models: GeneratedModel[]): GeneratedDbtProject {
  const files: Record<string, string> = {};
  files["dbt_project.yml"] = [
    `name: '${project}'`,
    "version: '1.0.0'",
    "config-version: 2",
    `profile: '${project}'`,
    "",
    'model-paths: ["models"]',
    'seed-paths: ["seeds"]',
    'snapshot-paths: ["snapshots"]',
    "",
    "models:",
    `  ${project}:`,
    "    staging:",
    "      +materialized: view",
    "    marts:",
    "      +materialized: table",
    "",
  ].join("\n");
  files["seeds/country_codes.csv"] = "country_code,country_name\nFR,France\nDE,Germany\nUS,United States\n";
  files["snapshots/customers_snapshot.sql"] = [
    "{% snapshot customers_snapshot %}",
    "{{ config(target_schema='snapshots', unique_key='customer_id', strategy='timestamp', updated_at='updated_at') }}",
    "select * from {{ source('crm', 'customers') }}",
    "{% endsnapshot %}",
    "",
  ].join("\n");
  const bySourceFolder = new Map<string, GeneratedSource[]>();
  for (const s of sources) bySourceFolder.set(s.folder, [...(bySourceFolder.get(s.folder) ?? []), s]);
  for (const [folder, list] of bySourceFolder) {
    const system = list[0].sourceName;
    const lines = [
      "version: 2",
      "",
      "sources:",
      `  - name: ${system}`,
      `    description: "Raw ${system} data, loaded hourly."`,
      `    schema: raw_${system}`,
      "    tables:",
    ];
    for (const s of list)
      lines.push(`      - name: ${s.table}`, `        description: "Raw ${s.table} rows from ${system}."`);
    files[`${folder}/_${system}__sources.yml`] = lines.join("\n") + "\n";
  }
  const byFolder = new Map<string, GeneratedModel[]>();
  for (const m of models) {
    byFolder.set(m.folder, [...(byFolder.get(m.folder) ?? []), m]);
    files[`${m.folder}/${m.name}.sql`] = modelSql(m);
  }
  for (const [folder, list] of byFolder) {
    const lines = ["version: 2", "", "models:"];
    for (const m of list) {
      lines.push(
        `  - name: ${m.name}`,
        `    description: "${modelDescription(m)}"`,
        "    config:",
        `      tags: [${m.tags.map((t) => `'${t}'`).join(", ")}]`,
        "    columns:",
      );
      m.columns.forEach((c, i) => {
        lines.push(`      - name: ${c}`, `        description: "${columnDescription(c)}"`);
        if (i === 0) lines.push("        data_tests:", "          - unique", "          - not_null");
      });
    }
    files[`${folder}/schema.yml`] = lines.join("\n") + "\n";
  }
  const sortedFiles: Record<string, string> = {};
  for (const key of Object.keys(files).sort()) sortedFiles[key] = files[key];
  return { files: sortedFiles, manifest: buildManifest(project, sources, models, sortedFiles) };
}

function modelSql(m: GeneratedModel): string {
  const ctes: string[] = [];
  const config = m.incremental
    ? `{{ config(materialized='incremental', unique_key='${m.columns[0]}') }}\n\n`
    : m.layer === "intermediate"
      ? `{{ config(materialized='${m.materialized}') }}\n\n`
      : "";
  m.sources.forEach(([s, t]) => ctes.push(`source_${t} as (\n    select * from {{ source('${s}', '${t}') }}\n)`));
  m.refs.forEach((r) => ctes.push(`${r} as (\n    select * from {{ ref('${r}') }}\n)`));
  const first = m.sources.length > 0 ? `source_${m.sources[0][1]}` : m.refs[0];
  const columns = m.columns.map((c) => `        ${c}`).join(",\n");
  const incremental = m.incremental
    ? `\n{% if is_incremental() %}\n    where updated_at > (select max(updated_at) from {{ this }})\n{% endif %}`
    : "";
  return `${config}with\n\n${ctes.join(",\n\n")},\n\nfinal as (\n    select\n${columns}\n    from ${first}\n)\n\nselect * from final${incremental}\n`;
}
