// The BPE rank tables are most of main.js. The plugin build stores them brotli-packed and base64-encoded
// (esbuild.config.mjs, packedRanks) and unpacks them here on first use; the encodings load lazily,
// so this runs on the first tally, never during plugin load.
import { strFromU8 } from "fflate";
import { unpackBrotli } from "./unpack-brotli.js";

export function unpackRanks(base64) {
  return JSON.parse(strFromU8(unpackBrotli(base64)));
}
