// The SQL parser in the bundles: sqlparser-rs compiled to WASM (@guanmingchiu/sqlparser-ts), reached
// through the virtual module "sqlparser-wasm" (src/core/dbt/sql-parser.ts imports it lazily). The
// 3.5 MB module is stored brotli-compressed and base64-encoded (0.9 MB): the plugin unpacks it with a
// small JS decoder, the CLI with node:zlib. Compressing takes seconds, so the result is cached.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const packageDir = join(dirname(require.resolve("@guanmingchiu/sqlparser-ts")), "..");
export const SQLPARSER_GLUE = join(packageDir, "wasm", "sqlparser_rs_wasm.js");
export const SQLPARSER_WASM = join(packageDir, "wasm", "sqlparser_rs_wasm_bg.wasm");

function packedWasm() {
  const bytes = readFileSync(SQLPARSER_WASM);
  const key = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const cacheDir = join(root, "node_modules", ".cache", "decp");
  const cached = join(cacheDir, `sqlparser-${key}.br.b64`);
  if (existsSync(cached)) return readFileSync(cached, "utf8");
  const packed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).toString("base64");
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, packed);
  return packed;
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
