// The plugin bundle's unpacker for the SQL parser's WASM (esbuild.sqlparser.mjs) and the BPE rank
// tables (packed-ranks.js): a pure JS brotli decoder, since Obsidian's webviews (desktop and mobile)
// offer no brotli DecompressionStream to rely on. Runs on first use, never during plugin load.
import { decompress } from "brotli/decompress.js";

export function unpackBrotli(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return decompress(bytes);
}
