// Measures the SQL parsers column analysis could run on (see bench/src/sql-parsers.ts): parse rate per
// dialect, speed, accuracy on the hand-checked facts, and the bytes each adds to the bundles.
// Install the candidates first (they are not dependencies; only the chosen one is):
//   npm i --no-save node-sql-parser sql-parser-cst @polyglot-sql/sdk
//   node bench/sql-parsers.mjs [models per generated project, default 450] [--failures]
import esbuild from "esbuild";
import { createRequire } from "node:module";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { SQLPARSER_WASM, sqlParserWasm } from "../esbuild.sqlparser.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(here, "out");
const require = createRequire(join(root, "package.json"));
const CANDIDATES = ["node-sql-parser", "sql-parser-cst", "@polyglot-sql/sdk"];

await esbuild.build({
  entryPoints: [join(here, "src/sql-parsers.ts")],
  outfile: join(out, "sql-parsers.cjs"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "es2022",
  loader: { ".md": "text" },
  logLevel: "error",
  external: CANDIDATES,
  plugins: [sqlParserWasm("node")],
});
const run = spawnSync(process.execPath, [join(out, "sql-parsers.cjs"), ...process.argv.slice(2)], { stdio: "inherit" });
if (run.status !== 0) process.exit(run.status ?? 1);

// What each would add to main.js: its JS for the four dialects, minified for the browser, plus any WASM.
const bundled = async (contents, plugins = []) => {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "cjs",
    write: false,
    logLevel: "silent",
    external: ["fs", "path", "url", "module", "node:*"],
    plugins,
  });
  return result.outputFiles[0].contents.length;
};
const packed = (file) =>
  Math.ceil(
    brotliCompressSync(readFileSync(file), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 },
    }).length / 3,
  ) * 4;
const kb = (n) => `${(n / 1e3).toFixed(0)} kB`;
const say = (line) => process.stdout.write(`${line}\n`);
const installed = (name) => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};
say("Bytes added to main.js (minified; WASM brotli-packed as base64, as esbuild.sqlparser.mjs stores it):");
if (installed("node-sql-parser"))
  say(
    `  node-sql-parser (bigquery, snowflake, postgresql builds): ${kb(await bundled("module.exports = [require('node-sql-parser/build/bigquery'), require('node-sql-parser/build/snowflake'), require('node-sql-parser/build/postgresql')];"))}`,
  );
if (installed("sql-parser-cst"))
  say(
    `  sql-parser-cst (all dialects in one parser): ${kb(await bundled("module.exports = require('sql-parser-cst');"))}`,
  );
if (installed("@polyglot-sql/sdk")) {
  const wasm = join(dirname(require.resolve("@polyglot-sql/sdk")), "polyglot_sql.wasm");
  if (existsSync(wasm))
    say(`  @polyglot-sql/sdk: WASM ${kb(statSync(wasm).size)} raw, ${kb(packed(wasm))} packed, plus its JS`);
}
const ours = await bundled("module.exports = import('sqlparser-wasm');", [sqlParserWasm("plugin")]);
say(
  `  sqlparser-rs (chosen): ${kb(ours)} in the plugin bundle (WASM ${kb(statSync(SQLPARSER_WASM).size)} raw, ${kb(packed(SQLPARSER_WASM))} packed, with the brotli decoder and glue)`,
);
