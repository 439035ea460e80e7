// Everything a pack reads, loaded once per command: the note graph, the cached tally, open loops
// and the teaching-comment stripper. Both adapters start packs here.

import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { loadNoteGraph } from "./note-graph";
import type { LoopMention, PackSources } from "./pack";
import { openTokenTally } from "./tally";
import type { TokenCacheStore } from "./token-cache";
import type { TokenCounter } from "./tokenizer";

export interface PackSourceOptions {
  store?: TokenCacheStore;
  counter?: TokenCounter;
  loops?: (vault: VaultPort, settings: DecpSettings) => Promise<LoopMention[]>;
  stripTeachingComments?: (text: string) => string;
}

export async function openPackSources(vault: VaultPort, settings: DecpSettings, options: PackSourceOptions = {}): Promise<PackSources> {
  const [tally, graph, loops] = await Promise.all([
    openTokenTally(vault, settings, options.store, options.counter),
    loadNoteGraph(vault, { maxBytes: settings.maxTallyBytes }),
    options.loops ? options.loops(vault, settings) : Promise.resolve([]),
  ]);
  return { settings, tally, graph, loops, stripTeachingComments: options.stripTeachingComments };
}
