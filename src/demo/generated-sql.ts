// The SQL of the generated project, in the dialect of its warehouse: how each adapter names a
// relation, deduplicates a loaded table, casts and truncates. The model templates (generated-models.ts)
// write dialect-neutral structure through these, so the same project exists in four dialects.

export type GeneratedDialect = "duckdb" | "postgres" | "snowflake" | "bigquery";

export const GENERATED_DIALECTS: readonly GeneratedDialect[] = ["duckdb", "postgres", "snowflake", "bigquery"];

export interface SqlFlavor {
  dialect: GeneratedDialect;
  /** The database (BigQuery: project) every relation lives in. */
  database: string;
  /** How compiled SQL names a relation (dbt's adapter quoting defaults). */
  relation(database: string, schema: string, name: string): string;
  /** A CTE body keeping the latest loaded row per id of `source`. */
  latestRow(from: string): string;
  timestamp(expr: string): string;
  money(expr: string): string;
  month(expr: string): string;
  /** Whole days from `from` to `to`. */
  daysBetween(from: string, to: string): string;
  /** `a / b`, empty when b is 0. */
  ratio(a: string, b: string): string;
}

const quoted = (q: string) => (database: string, schema: string, name: string) =>
  [database, schema, name].map((part) => `${q}${part}${q}`).join(".");

const qualifyLatest = (from: string): string =>
  `select *\n    from ${from}\n    qualify row_number() over (partition by id order by _loaded_at desc) = 1`;

export const FLAVORS: Record<GeneratedDialect, SqlFlavor> = {
  duckdb: {
    dialect: "duckdb",
    database: "analytics",
    relation: quoted('"'),
    latestRow: qualifyLatest,
    timestamp: (e) => `${e}::timestamp`,
    money: (e) => `${e}::decimal(18, 2)`,
    month: (e) => `date_trunc('month', ${e})`,
    daysBetween: (a, b) => `date_diff('day', ${a}, ${b})`,
    ratio: (a, b) => `${a} / nullif(${b}, 0)`,
  },
  postgres: {
    dialect: "postgres",
    database: "analytics",
    relation: quoted('"'),
    // Postgres has no QUALIFY: DISTINCT ON keeps the first row per id in the ORDER BY.
    latestRow: (from) => `select distinct on (id) *\n    from ${from}\n    order by id, _loaded_at desc`,
    timestamp: (e) => `${e}::timestamptz`,
    money: (e) => `${e}::numeric(18, 2)`,
    month: (e) => `date_trunc('month', ${e})`,
    daysBetween: (a, b) => `(${b}::date - ${a}::date)`,
    ratio: (a, b) => `${a} / nullif(${b}, 0)`,
  },
  snowflake: {
    dialect: "snowflake",
    database: "analytics",
    // dbt-snowflake does not quote by default.
    relation: (database, schema, name) => `${database}.${schema}.${name}`,
    latestRow: qualifyLatest,
    timestamp: (e) => `${e}::timestamp_ntz`,
    money: (e) => `${e}::number(18, 2)`,
    month: (e) => `date_trunc('month', ${e})`,
    daysBetween: (a, b) => `datediff(day, ${a}, ${b})`,
    ratio: (a, b) => `div0(${a}, ${b})`,
  },
  bigquery: {
    dialect: "bigquery",
    database: "acme-analytics",
    relation: quoted("`"),
    latestRow: qualifyLatest,
    timestamp: (e) => `cast(${e} as timestamp)`,
    money: (e) => `cast(${e} as numeric)`,
    month: (e) => `date_trunc(date(${e}), month)`,
    daysBetween: (a, b) => `date_diff(date(${b}), date(${a}), day)`,
    ratio: (a, b) => `safe_divide(${a}, ${b})`,
  },
};

/** One `name as (select * from relation)` import CTE, as dbt style guides write them. */
export function importCte(name: string, relation: string): string {
  return `${name} as (\n    select * from ${relation}\n)`;
}

export const ref = (model: string): string => `{{ ref('${model}') }}`;
export const source = (system: string, table: string): string => `{{ source('${system}', '${table}') }}`;

/** `with a as (...),\n\nb as (...)\n\nselect * from last` */
export function withCtes(ctes: string[], select: string): string {
  return `with\n\n${ctes.join(",\n\n")}\n\n${select}\n`;
}

/** A select list, one expression per line. */
export function selectList(expressions: string[], indent = "        "): string {
  return expressions.map((e) => `${indent}${e}`).join(",\n");
}
