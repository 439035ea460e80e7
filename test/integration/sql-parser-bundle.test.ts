// The SQL parser as the bundles carry it (esbuild.sqlparser.mjs): the plugin build unpacks the brotli-
// packed WebAssembly with the JS decoder, the CLI build with node:zlib; both must parse. Built in a
// child process (the build config is an ES module) and run there.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "../..");

const script = (target: "plugin" | "node") => `
import esbuild from "esbuild";
import { createRequire } from "node:module";
import { sqlParserWasm } from "./esbuild.sqlparser.mjs";
const out = await esbuild.build({
  stdin: {
    contents: "import { loadSqlParser } from './src/core/dbt/sql-parser'; module.exports = loadSqlParser;",
    resolveDir: process.cwd(),
    loader: "ts",
  },
  bundle: true,
  write: false,
  format: "cjs",
  platform: ${JSON.stringify(target === "plugin" ? "browser" : "node")},
  logLevel: "silent",
  plugins: [sqlParserWasm(${JSON.stringify(target)})],
});
const module = { exports: {} };
// The plugin bundle may require nothing (Obsidian has no Node there); the CLI bundle gets Node's require.
const require = ${JSON.stringify(target)} === "plugin" ? (name) => { throw new Error("required " + name); } : createRequire(import.meta.url);
new Function("module", "exports", "require", out.outputFiles[0].text)(module, module.exports, require);
const parser = await module.exports();
const ok = parser.parse("select customer_id from orders qualify row_number() over () = 1", "duckdb");
const bad = parser.parse("select from", "duckdb");
process.stdout.write(JSON.stringify({ ok: ok.ok, bad: bad.ok, bytes: out.outputFiles[0].text.length }));
`;

test.each(["plugin", "node"] as const)("the %s bundle's parser unpacks and parses", (target) => {
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script(target)], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.stderr).toBe("");
  const result = JSON.parse(run.stdout) as { ok: boolean; bad: boolean; bytes: number };
  expect([result.ok, result.bad]).toEqual([true, false]);
});
