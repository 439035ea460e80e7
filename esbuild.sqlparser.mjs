// The SQL parser in the bundles: sqlparser-rs compiled to WASM (@guanmingchiu/sqlparser-ts), reached
// through the virtual module "sqlparser-wasm" (src/core/dbt/sql-parser.ts imports it lazily). The
// 3.5 MB module is stored brotli-compressed and base64-encoded (0.9 MB): the plugin unpacks it with a
// small JS decoder, the CLI with node:zlib (esbuild.brotli.mjs packs it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliBase64 } from "./esbuild.brotli.mjs";

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = join(dirname(require.resolve("@guanmingchiu/sqlparser-ts")), "..");
export const SQLPARSER_GLUE = join(packageDir, "wasm", "sqlparser_rs_wasm.js");
export const SQLPARSER_WASM = join(packageDir, "wasm", "sqlparser_rs_wasm_bg.wasm");

function packedWasm() {
  return brotliBase64(readFileSync(SQLPARSER_WASM), "sqlparser");
}

/** `target`: "plugin" unpacks with the JS brotli decoder, "node" with node:zlib. */
export function sqlParserWasm(target) {
  const unpack = join(root, "src", "shims", target === "plugin" ? "unpack-brotli.js" : "unpack-brotli-node.js");
  return {
    name: "sqlparser-wasm",
    setup(build) {
      build.onResolve({ filter: /^sqlparser-wasm$/ }, () => ({ path: "sqlparser-wasm", namespace: "sqlparser-wasm" }));
      build.onLoad({ filter: /.*/, namespace: "sqlparser-wasm" }, () => ({
        contents: [
          `export { default, parse_sql } from ${JSON.stringify(SQLPARSER_GLUE)};`,
          `import { unpackBrotli } from ${JSON.stringify(unpack)};`,
          `export const wasmBytes = () => unpackBrotli(${JSON.stringify(packedWasm())});`,
        ].join("\n"),
        loader: "js",
        resolveDir: root,
      }));
    },
  };
}
