// The CLI bundle's unpacker for the SQL parser's WASM (esbuild.sqlparser.mjs): Node's own brotli.
import { brotliDecompressSync } from "node:zlib";

export function unpackBrotli(base64) {
  return new Uint8Array(brotliDecompressSync(Buffer.from(base64, "base64")));
}
