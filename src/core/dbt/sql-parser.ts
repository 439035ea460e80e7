// The SQL parser behind column analysis: sqlparser-rs (Apache DataFusion's parser, 16 dialects),
// compiled to WebAssembly. Chosen by measurement (bench/sql-parsers.mjs): it parses every fixture and
// dialect sample where the JS parsers fail on QUALIFY, EXCLUDE, STRUCT... Loaded on first use through
// dynamic import(), like the tokenizer: plugin load never evaluates or unpacks it.

export type SqlDialect =
  | "generic"
  | "bigquery"
  | "snowflake"
  | "postgresql"
  | "redshift"
  | "duckdb"
  | "databricks"
  | "spark"
  | "mssql"
  | "mysql"
  | "sqlite"
  | "clickhouse"
  | "oracle"
  | "hive";

/** A parsed statement list (sqlparser-rs's AST as JSON), or why the text could not be parsed. */
export type ParsedSql = { ok: true; statements: unknown[] } | { ok: false; error: string };

export interface SqlParser {
  parse(sql: string, dialect: SqlDialect): ParsedSql;
}

// dbt adapter types (manifest metadata.adapter_type) -> sqlparser-rs dialect names.
const ADAPTER_DIALECTS: Record<string, SqlDialect> = {
  bigquery: "bigquery",
  snowflake: "snowflake",
  postgres: "postgresql",
  redshift: "redshift",
  duckdb: "duckdb",
  motherduck: "duckdb",
  databricks: "databricks",
  spark: "spark",
  sqlserver: "mssql",
  fabric: "mssql",
  synapse: "mssql",
  mysql: "mysql",
  sqlite: "sqlite",
  clickhouse: "clickhouse",
  oracle: "oracle",
  hive: "hive",
};

/** The dialect for a dbt adapter; adapters sqlparser-rs has no dialect for (trino, athena...) get the generic one. */
export function dialectForAdapter(adapter: string | undefined): SqlDialect {
  return ADAPTER_DIALECTS[(adapter ?? "").toLowerCase()] ?? "generic";
}

let loading: Promise<SqlParser> | undefined;

/** Loads and instantiates the parser once; later calls share it. */
export function loadSqlParser(): Promise<SqlParser> {
  loading ??= import("sqlparser-wasm").then(async (wasm) => {
    await wasm.default({ module_or_path: wasm.wasmBytes() });
    return {
      parse(sql: string, dialect: SqlDialect): ParsedSql {
        try {
          // Objects straight from the WASM: 2.5 times faster than its JSON text plus JSON.parse.
          const statements = wasm.parse_sql(dialect, sql);
          return { ok: true, statements: Array.isArray(statements) ? statements : [] };
        } catch (error) {
          return { ok: false, error: parserMessage(error) };
        }
      },
    };
  });
  return loading;
}

/** sqlparser-rs errors arrive as strings or objects with a message; keep one line. */
function parserMessage(error: unknown): string {
  const text =
    typeof error === "string"
      ? error
      : error instanceof Error
        ? error.message
        : typeof error === "object" && error !== null && "message" in error
          ? String(error.message)
          : String(error);
  return text.replace(/\s+/g, " ").trim();
}
