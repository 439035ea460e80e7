// Which SQL parser column analysis runs on, by measurement: parse rate on the compiled SQL of the
// jaffle_shop fixtures (BigQuery) and of the generated project in four dialects, plus hand-written
// samples of each dialect's idioms; speed; accuracy of the column analysis on the hand-checked facts;
// bytes each would add to the bundles. Built and run by bench/sql-parsers.mjs; candidates that are
// not installed are reported as such.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { analyseProjectColumns, readManifest, type DbtProject } from "../../src/core/dbt";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { GENERATED_DIALECTS, type GeneratedDialect } from "../../src/demo/generated-sql";
import { COLUMN_FACTS } from "../../test/fixtures/column-facts";
import { DIALECT_SAMPLES } from "./sql-samples";

type Parse = (sql: string, dialect: GeneratedDialect) => void;
interface Candidate {
  name: string;
  licence: string;
  load(): Promise<Parse | string>;
}

// Built into bench/out: the repository is two folders up.
const root = join(__dirname, "..", "..");
const DBT_FIXTURE_DIR = join(root, "test", "fixtures", "dbt");
const requireHere = createRequire(join(root, "package.json"));

const CANDIDATES: Candidate[] = [
  {
    name: "node-sql-parser",
    licence: "Apache-2.0",
    async load() {
      const builds: Record<string, string> = {
        bigquery: "bigquery",
        snowflake: "snowflake",
        postgres: "postgresql",
        duckdb: "postgresql",
      };
      const parsers = new Map<string, { astify(sql: string, o: object): unknown }>();
      for (const build of new Set(Object.values(builds))) {
        const { Parser } = requireHere(`node-sql-parser/build/${build}`) as { Parser: new () => never };
        parsers.set(build, new Parser());
      }
      // No DuckDB build: its closest, PostgreSQL.
      return (sql, dialect) => void parsers.get(builds[dialect])!.astify(sql, { database: builds[dialect] });
    },
  },
  {
    name: "sql-parser-cst",
    licence: "GPL-2.0-or-later",
    async load() {
      const cst = requireHere("sql-parser-cst") as { parse(sql: string, o: object): unknown };
      const dialects: Record<string, string | undefined> = { bigquery: "bigquery", postgres: "postgresql" };
      return (sql, dialect) => {
        if (!dialects[dialect]) throw new Error(`no ${dialect} dialect`);
        cst.parse(sql, { dialect: dialects[dialect] });
      };
    },
  },
  {
    name: "@polyglot-sql/sdk",
    licence: "MIT",
    async load() {
      const poly = requireHere("@polyglot-sql/sdk") as {
        init?: () => Promise<void>;
        parse(sql: string, d: string): { success: boolean; error?: string };
        Dialect: Record<string, string>;
      };
      await poly.init?.();
      const dialects = {
        bigquery: poly.Dialect.BigQuery,
        snowflake: poly.Dialect.Snowflake,
        postgres: poly.Dialect.PostgreSQL,
        duckdb: poly.Dialect.DuckDB,
      };
      return (sql, dialect) => {
        const result = poly.parse(sql, dialects[dialect]);
        if (!result.success) throw new Error(result.error);
      };
    },
  },
  {
    name: "sqlparser-rs (@guanmingchiu/sqlparser-ts)",
    licence: "Apache-2.0",
    async load() {
      const { loadSqlParser } = await import("../../src/core/dbt/sql-parser");
      const parser = await loadSqlParser();
      const dialects = {
        bigquery: "bigquery",
        snowflake: "snowflake",
        postgres: "postgresql",
        duckdb: "duckdb",
      } as const;
      return (sql, dialect) => {
        const parsed = parser.parse(sql, dialects[dialect]);
        if (!parsed.ok) throw new Error(parsed.error);
      };
    },
  },
];

interface Statement {
  corpus: string;
  dialect: GeneratedDialect;
  id: string;
  sql: string;
}

function corpus(models: number): Statement[] {
  const out: Statement[] = [];
  for (const file of ["jaffle_shop_v7_dbt1.3.json", "jaffle_shop_v9_dbt1.5.json", "jaffle_shop_v12_dbt1.8.json"]) {
    const manifest = JSON.parse(readFileSync(join(DBT_FIXTURE_DIR, file), "utf8")) as {
      nodes: Record<string, { resource_type: string; compiled_code?: string; compiled_sql?: string }>;
    };
    for (const [id, node] of Object.entries(manifest.nodes)) {
      const sql = node.compiled_code ?? node.compiled_sql;
      if (node.resource_type === "model" && sql)
        out.push({ corpus: "fixtures", dialect: "bigquery", id: `${file}:${id}`, sql });
    }
  }
  for (const dialect of GENERATED_DIALECTS) {
    const manifest = generateDbtProject({ models, dialect }).manifest as {
      nodes: Record<string, { compiled_code?: string }>;
    };
    for (const [id, node] of Object.entries(manifest.nodes))
      if (node.compiled_code) out.push({ corpus: "generated", dialect, id, sql: node.compiled_code });
    DIALECT_SAMPLES[dialect].forEach((sql, i) => out.push({ corpus: "idioms", dialect, id: `${dialect}-${i}`, sql }));
  }
  return out;
}

/** The analysis (sqlparser-rs) against the hand-checked facts, and a text search as the baseline. */
async function accuracy(): Promise<{ analysis: number; textSearch: number; facts: number }> {
  const projects = new Map<string, DbtProject>();
  let analysis = 0;
  let textSearch = 0;
  for (const [fixture, model, parent, column, reads] of COLUMN_FACTS) {
    if (!projects.has(fixture)) {
      const project = readManifest(JSON.parse(readFileSync(join(DBT_FIXTURE_DIR, fixture), "utf8")));
      await analyseProjectColumns(project);
      projects.set(fixture, project);
    }
    const detail = projects.get(fixture)!.nodes.find((d) => d.node.name === model && d.node.resourceType === "model")!;
    const usage = detail.columnUsage;
    const found = usage?.known ? (usage.reads.find((r) => r.parent.endsWith(`.${parent}`))?.columns ?? []) : [];
    if (found.includes(column) === reads) analysis++;
    const mentioned = new RegExp(`\\b${column}\\b`, "i").test(detail.sql?.compiled ?? "");
    if (mentioned === reads) textSearch++;
  }
  return { analysis, textSearch, facts: COLUMN_FACTS.length };
}

async function main(): Promise<void> {
  const models = Number(process.argv[2] ?? 450);
  const statements = corpus(models);
  const groups = [
    ["fixtures (BigQuery)", (s: Statement) => s.corpus === "fixtures"],
    ...GENERATED_DIALECTS.map(
      (d) => [`generated ${d}`, (s: Statement) => s.corpus === "generated" && s.dialect === d] as const,
    ),
    ...GENERATED_DIALECTS.map(
      (d) => [`idioms ${d}`, (s: Statement) => s.corpus === "idioms" && s.dialect === d] as const,
    ),
  ] as const;
  const rows: string[][] = [];
  const failures: string[] = [];
  for (const candidate of CANDIDATES) {
    let parse: Parse | string;
    try {
      parse = await candidate.load();
    } catch (error) {
      parse = `not installed (${(error as Error).message.split("\n")[0]})`;
    }
    if (typeof parse === "string") {
      rows.push([candidate.name, candidate.licence, parse]);
      continue;
    }
    const cells: string[] = [];
    let ms = 0;
    let timed = 0;
    for (const [label, member] of groups) {
      const group = statements.filter(member);
      let ok = 0;
      for (const s of group) {
        const start = performance.now();
        try {
          parse(s.sql, s.dialect);
          ok++;
        } catch (error) {
          if (s.corpus !== "generated" || failures.length < 40)
            failures.push(
              `${candidate.name} ${s.id}: ${String((error as Error).message)
                .split("\n")[0]
                .slice(0, 120)}`,
            );
        }
        ms += performance.now() - start;
        timed++;
      }
      cells.push(`${label} ${ok}/${group.length}`);
    }
    rows.push([candidate.name, candidate.licence, ...cells, `${(ms / timed).toFixed(2)} ms/statement`]);
  }
  const acc = await accuracy();
  process.stdout.write(`${rows.map((r) => r.join(" | ")).join("\n")}\n\n`);
  process.stdout.write(
    `Accuracy on ${acc.facts} hand-checked (model, parent, column) facts: column analysis on sqlparser-rs ${acc.analysis}/${acc.facts}; text search for the column name in the model's SQL ${acc.textSearch}/${acc.facts}\n\n`,
  );
  if (process.argv.includes("--failures")) process.stdout.write(`${failures.join("\n")}\n`);
}

void main();
