// Brotli packing for the bundles: the SQL parser's WebAssembly (esbuild.sqlparser.mjs) and the plugin's
// BPE rank tables (esbuild.config.mjs) are stored brotli-compressed and base64-encoded, and unpacked on
// first use (src/shims/unpack-brotli.js). Brotli at its best takes seconds, so results are cached.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const cacheDir = join(dirname(fileURLToPath(import.meta.url)), "node_modules", ".cache", "decp");

/** `bytes` brotli-compressed (quality 11, 16 MB window) as base64; `name` labels the cache file. */
export function brotliBase64(bytes, name) {
  const key = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const cached = join(cacheDir, `${name}-${key}.br.b64`);
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
