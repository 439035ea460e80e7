// The CLI's sync state in <vault>/.decp/ticktick-state.json, written through a temp file and a
// rename so a crash never leaves half a snapshot or outbox.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import { UserError } from "../core/errors";
import { resolveSyncState, type SyncState, type SyncStatePort } from "../core/ticktick";

export function fileStatePort(vaultRoot: string): SyncStatePort {
  const file = nodePath.join(vaultRoot, ".decp", "ticktick-state.json");
  return {
    async load(): Promise<SyncState> {
      const text = await fs.readFile(file, "utf8").catch(() => null);
      if (text === null) return resolveSyncState(undefined);
      try {
        return resolveSyncState(JSON.parse(text));
      } catch (error) {
        throw new UserError(
          `.decp/ticktick-state.json is not valid JSON: ${(error as Error).message}`,
          { file: ".decp/ticktick-state.json" },
          "Restore it from a backup; deleting it makes the next sync re-link tasks by their decp: marker",
        );
      }
    },
    async save(state: SyncState): Promise<void> {
      await fs.mkdir(nodePath.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temp, JSON.stringify(state, null, 2) + "\n", "utf8");
      await fs.rename(temp, file);
    },
  };
}
