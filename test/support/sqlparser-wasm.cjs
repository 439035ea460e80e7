// Jest's stand-in for the bundles' virtual "sqlparser-wasm" module (esbuild.sqlparser.mjs): the same
// wasm-bindgen glue (turned into CommonJS by test/support/esm-transform.cjs) and the WASM file's bytes.
const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");

const wasmDir = join(dirname(require.resolve("@guanmingchiu/sqlparser-ts")), "..", "wasm");
const glue = require(join(wasmDir, "sqlparser_rs_wasm.js"));

module.exports = {
  __esModule: true,
  default: glue.default,
  parse_sql: glue.parse_sql,
  wasmBytes: () => new Uint8Array(readFileSync(join(wasmDir, "sqlparser_rs_wasm_bg.wasm"))),
};
