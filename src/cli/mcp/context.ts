// What every MCP tool works with: the vault, its settings, the clock, a stderr log and the state a
// session accumulates (the last context pack, so record_context_decision can save it).

import type { Clock } from "../../core/ports";
import type { DecpSettings } from "../../core/settings";
import type { VaultPort } from "../../core/vault";
import type { Log } from "./tool-result";

export interface McpContext {
  vault: VaultPort;
  settings: DecpSettings;
  clock: Clock;
  log: Log;
}
