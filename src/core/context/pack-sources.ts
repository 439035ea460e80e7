// Everything a pack reads, loaded once per command: the note graph, the cached tally, open loops
// (loops area) and the teaching-comment stripper (templates area). Both adapters start packs here.

import { listLoops } from "../loops";
import type { DecpSettings } from "../settings";
import { stripTeachingComments } from "../templates";
import type { VaultPort } from "../vault";
import { loadNoteGraph } from "./note-graph";
import type { LoopMention, PackSources } from "./pack";
import { openTokenTally, type TokenTally } from "./tally";
import type { TokenCacheStore } from "./token-cache";
import type { TokenCounter } from "./tokenizer";

export interface PackSourceOptions {
  store?: TokenCacheStore;
  counter?: TokenCounter;
  /** A tally the caller keeps open (plugin session, MCP server): its cache stays warm. */
  tally?: TokenTally;
}

export async function openPackSources(
  vault: VaultPort,
  settings: DecpSettings,
  options: PackSourceOptions = {},
): Promise<PackSources> {
  const [tally, graph, loops] = await Promise.all([
    options.tally ? Promise.resolve(options.tally) : openTokenTally(vault, settings, options.store, options.counter),
    loadNoteGraph(vault, { maxBytes: settings.maxTallyBytes }),
    listLoops(vault, settings).then((listing) => listing.loops as LoopMention[]),
  ]);
  return { settings, tally, graph, loops, stripTeachingComments };
}
