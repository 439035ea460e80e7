// Reads many notes with a bounded number of reads in flight: thousands of model notes read one at a
// time spend most of their time waiting on the disk.

import type { VaultPort } from "../vault";

export async function readMany(vault: VaultPort, paths: string[], inFlight = 32): Promise<string[]> {
  const texts = new Array<string>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      texts[i] = await vault.read(paths[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, paths.length) }, worker));
  return texts;
}
