// What every MCP tool works with: the vault, its settings, the clock, a stderr log, and what a
// session keeps between calls (the tokenizer and its cache, the last context pack, the session meter).

import type { ContextPack, NoteGraph, TokenTally } from "../../core/context";
import { loadNoteGraph, openTokenTally, SessionMeter } from "../../core/context";
import type { Clock } from "../../core/ports";
import type { DecpSettings } from "../../core/settings";
import type { VaultPort } from "../../core/vault";
import type { TokenCacheStore } from "../../core/context";
import { lazyTokenCounter } from "../token-counter";
import type { Log } from "./tool-result";

export interface McpContext {
  vault: VaultPort;
  settings: DecpSettings;
  clock: Clock;
  log: Log;
  /** The token tally, opened once per server (loading the tokenizer is the slow part). */
  tally(): Promise<TokenTally>;
  /** The note graph as the vault is now: notes change between calls. */
  noteGraph(): Promise<NoteGraph>;
  /** The last pack built in this session, for record_context_decision. */
  lastPack?: ContextPack;
  /** Tokens handed to the agent on this connection; every tool result ends with its line. */
  meter: SessionMeter;
}

export function createMcpContext(base: {
  vault: VaultPort;
  settings: DecpSettings;
  clock: Clock;
  log: Log;
  tokenStore?: TokenCacheStore;
}): McpContext {
  let tally: Promise<TokenTally> | undefined;
  return {
    vault: base.vault,
    settings: base.settings,
    clock: base.clock,
    log: base.log,
    tally() {
      tally ??= openTokenTally(base.vault, base.settings, base.tokenStore, lazyTokenCounter(base.settings.encoding));
      // A failed open (a broken cache) must not stick for the whole session.
      tally.catch(() => (tally = undefined));
      return tally;
    },
    noteGraph: () => loadNoteGraph(base.vault, { maxBytes: base.settings.maxTallyBytes }),
    meter: new SessionMeter(base.settings),
  };
}
