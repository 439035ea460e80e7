// A deterministic dbt project of any size for the demo vault, tests and benchmarks: raw tables of six
// source systems -> staging -> intermediate aggregates -> marts (the customer dimension and facts) ->
// reports joined to dim_customers. Every model reads only columns its parents have; the SQL is
// written in the warehouse's dialect (DuckDB by default). Pure: same options, same bytes.

import { SOURCE_TABLES } from "./generated-catalog";
import { buildManifest } from "./generated-manifest";
import { customerFact, dimCustomers, eventFact } from "./generated-marts";
import type { GeneratedModel, GeneratedSource } from "./generated-models";
import { attributeReport, customerReport, rollupReport, type ReportAttribute } from "./generated-reports";
import { aggregateModel, combinedModel, customerPayments, stagingModel } from "./generated-upstream";
import { FLAVORS, type GeneratedDialect, type SqlFlavor } from "./generated-sql";
import { random } from "./random";

export interface GenerateDbtProjectOptions {
  /** Number of models (sources, a seed and a snapshot come on top); at least 30. */
  models: number;
  seed?: number;
  name?: string;
  /** The warehouse the SQL is written for (default duckdb). */
  dialect?: GeneratedDialect;
}

export interface GeneratedDbtProject {
  files: Record<string, string>;
  manifest: Record<string, unknown>;
}

/** Keys an intermediate model may aggregate to. */
const GRAINS = ["customer_id", "order_id", "product_id", "payment_id", "campaign_id"];
/** Where an aggregate keyed by these finds one descriptive column to carry along. */
const ENRICHMENT: Record<string, [table: string, column: string]> = {
  customer_id: ["shop__customers", "country_code"],
  product_id: ["inventory__products", "category"],
  campaign_id: ["marketing__campaigns", "channel"],
};

export function generateDbtProject(options: GenerateDbtProjectOptions): GeneratedDbtProject {
  const n = Math.max(30, Math.floor(options.models));
  const name = options.name ?? "acme";
  const flavor = FLAVORS[options.dialect ?? "duckdb"];
  const rand = random(options.seed ?? 1);
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];

  const stagingCount = Math.max(SOURCE_TABLES.length, Math.round(n * 0.15));
  const intermediateCount = Math.max(2, Math.round(n * 0.2));
  const martCount = Math.max(2, Math.round(n * 0.2));
  const reportCount = n - stagingCount - intermediateCount - martCount;

  const sources: GeneratedSource[] = [];
  const models: GeneratedModel[] = [];
  const byName = new Map<string, GeneratedModel>();
  const add = (m: GeneratedModel): GeneratedModel => {
    models.push(m);
    byName.set(m.name, m);
    return m;
  };

  const staging: GeneratedModel[] = [];
  for (let i = 0; i < stagingCount; i++) {
    const built = stagingModel(SOURCE_TABLES[i % SOURCE_TABLES.length], Math.floor(i / SOURCE_TABLES.length), flavor);
    sources.push(built.source);
    staging.push(add(built.model));
  }
  const stg = (system: string, table: string): GeneratedModel => byName.get(`stg_${system}__${table}`)!;

  // Candidate lists are kept as the models are made: the benchmarks generate 20,000 models.
  const ints: GeneratedModel[] = [];
  const intsByKey = new Map<string, GeneratedModel[]>();
  const addInt = (m: GeneratedModel): void => {
    ints.push(add(m));
    if (!intsByKey.has(m.key)) intsByKey.set(m.key, []);
    intsByKey.get(m.key)!.push(m);
  };
  addInt(customerPayments(stg("payments", "payments")));
  const withGrain = staging.filter((m) => m.typed.some((c) => c.kind === "fk" && GRAINS.includes(c.name)));
  for (let i = 1; i < intermediateCount; i++) {
    const materialized = rand() < 0.5 ? "table" : "view";
    const combined = ints.length > 3 && rand() < 0.25 ? tryCombine(ints, pick, i + 1, materialized) : undefined;
    if (combined) {
      addInt(combined);
      continue;
    }
    const primary = pick(withGrain);
    const key = pick(primary.typed.filter((c) => c.kind === "fk" && GRAINS.includes(c.name))).name;
    const enrichWith = ENRICHMENT[key] && rand() < 0.4 ? enrichmentFor(primary, key, byName) : undefined;
    addInt(aggregateModel(primary, key, i + 1, materialized, enrichWith));
  }

  const dim = add(dimCustomers(stg("crm", "customers"), stg("shop", "customers"), ints[0]));
  const facts: GeneratedModel[] = [];
  const events = staging.filter((m) => m.typed.some((c) => c.name === "customer_id" && c.kind === "fk"));
  const customerInts = intsByKey.get("customer_id") ?? [];
  for (let i = 1; i < martCount; i++) {
    if (rand() < 0.5 && customerInts.length > 0) {
      const parts = [...new Set([pick(customerInts), pick(customerInts), pick(customerInts)])].slice(
        0,
        1 + Math.floor(rand() * 3),
      );
      facts.push(add(customerFact(parts, i)));
    } else {
      const event = pick(events);
      const details = intsByKey.get(event.key) ?? [];
      const enrich = details.length > 0 && rand() < 0.4 ? pick(details) : undefined;
      facts.push(add(eventFact(event, i, rand() < 0.4, enrich, flavor)));
    }
  }

  const customerFacts = facts.filter((f) => f.key === "customer_id");
  const customerReports: GeneratedModel[] = [];
  for (let i = 0; i < reportCount; i++) {
    const r = rand();
    if (customerReports.length > 0 && r < 0.025) add(rollupReport(pick(customerReports), dim, i + 1));
    else if (customerFacts.length > 0 && r < 0.06)
      customerReports.push(add(customerReport(pick(customerFacts), dim, rand() < 0.6, i + 1)));
    else add(attributeReport(pick(facts), dim, reportAttribute(rand()), i + 1, flavor));
  }
  return buildFiles(name, sources, models, flavor);
}

function reportAttribute(r: number): ReportAttribute {
  return r < 0.05 ? "segment" : r < 0.45 ? "country_code" : r < 0.65 ? "country_name" : "first_order_month";
}

/** Two intermediate models at the same grain whose other columns do not clash. */
function tryCombine(
  ints: GeneratedModel[],
  pick: <T>(items: T[]) => T,
  index: number,
  materialized: "view" | "table",
): GeneratedModel | undefined {
  for (let attempt = 0; attempt < 4; attempt++) {
    const a = pick(ints);
    const b = pick(ints);
    if (a === b || a.key !== b.key || a.name.includes("_activity_")) continue;
    const clash = b.typed.some((c) => c.name !== a.key && a.columns.includes(c.name));
    if (!clash) return combinedModel(a, b, index, materialized);
  }
  return undefined;
}

/** The descriptive column an aggregate by `key` carries, from the staging model of the same region. */
function enrichmentFor(
  primary: GeneratedModel,
  key: string,
  byName: Map<string, GeneratedModel>,
): { model: GeneratedModel; column: { name: string; kind: "text" } } | undefined {
  const [table, column] = ENRICHMENT[key];
  const [system, entity] = table.split("__");
  const region = /^stg_[a-z]+_([a-z0-9]+)__/.exec(primary.name)?.[1];
  const model = byName.get(`stg_${system}${region ? `_${region}` : ""}__${entity}`) ?? byName.get(`stg_${table}`);
  if (!model || model.name === primary.name) return undefined;
  return { model, column: { name: column, kind: "text" } };
}

function buildFiles(
  project: string,
  sources: GeneratedSource[],
  models: GeneratedModel[],
  flavor: SqlFlavor,
): GeneratedDbtProject {
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
    "      +schema: staging",
    "    intermediate:",
    "      +schema: intermediate",
    "    marts:",
    "      +materialized: table",
    "      +schema: marts",
    "    reporting:",
    "      +materialized: view",
    "      +schema: reporting",
    "",
  ].join("\n");
  files["seeds/country_codes.csv"] =
    "country_code,country_name\nDE,Germany\nES,Spain\nFR,France\nGB,United Kingdom\nIT,Italy\nNL,Netherlands\nUS,United States\n";
  files["snapshots/customers_snapshot.sql"] = [
    "{% snapshot customers_snapshot %}",
    "{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='_loaded_at') }}",
    "select * from {{ source('crm', 'customers') }}",
    "{% endsnapshot %}",
    "",
  ].join("\n");
  const bySourceFolder = new Map<string, GeneratedSource[]>();
  for (const s of sources) {
    if (!bySourceFolder.has(s.folder)) bySourceFolder.set(s.folder, []);
    bySourceFolder.get(s.folder)!.push(s);
  }
  for (const [folder, list] of bySourceFolder) {
    const system = list[0].sourceName;
    const lines = ["version: 2", "", "sources:", `  - name: ${system}`, `    schema: raw_${system}`, "    tables:"];
    for (const s of list) {
      lines.push(`      - name: ${s.table}`, `        description: ${yamlText(s.description)}`, "        columns:");
      for (const c of s.columns)
        lines.push(`          - name: ${c.name}`, `            description: ${yamlText(c.description)}`);
    }
    files[`${folder}/_${system}__sources.yml`] = lines.join("\n") + "\n";
  }
  const byFolder = new Map<string, GeneratedModel[]>();
  for (const m of models) {
    if (!byFolder.has(m.folder)) byFolder.set(m.folder, []);
    byFolder.get(m.folder)!.push(m);
    files[`${m.folder}/${m.name}.sql`] = m.sql;
  }
  for (const [folder, list] of byFolder) {
    const lines = ["version: 2", "", "models:"];
    for (const m of list) {
      lines.push(
        `  - name: ${m.name}`,
        `    description: ${yamlText(m.description)}`,
        "    config:",
        `      tags: [${m.tags.map((t) => `'${t}'`).join(", ")}]`,
        "    columns:",
      );
      for (const c of m.columns) {
        lines.push(`      - name: ${c}`, `        description: ${yamlText(m.docs[c])}`);
        if (c === m.key) lines.push("        data_tests:", "          - unique", "          - not_null");
      }
    }
    files[`${folder}/schema.yml`] = lines.join("\n") + "\n";
  }
  const sortedFiles: Record<string, string> = {};
  for (const key of Object.keys(files).sort()) sortedFiles[key] = files[key];
  return { files: sortedFiles, manifest: buildManifest(project, sources, models, sortedFiles, flavor) };
}

/** A YAML double-quoted scalar (JSON's string syntax is one). */
function yamlText(text: string): string {
  return JSON.stringify(text);
}
