// The BPE rank tables are most of main.js. The plugin build stores them deflated and base64-encoded
// (esbuild.config.mjs, packedRanks) and inflates them here on first use; the encodings load lazily,
// so this runs on the first tally, never during plugin load.
import { inflateSync, strFromU8 } from "fflate";

export function unpackRanks(base64) {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return JSON.parse(strFromU8(inflateSync(bytes)));
}
