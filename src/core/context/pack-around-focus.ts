// The one way to build a pack around a focus, for the plugin, the CLI and the MCP server alike: it
// loads what a pack reads (note graph, open loops, the cached tally), resolves a dbt selector, builds
// the pack and keeps the token cache. A caller that keeps a tally open (the plugin's session, the MCP
// server) passes it, so its cache stays warm across packs.

import { UserError } from "../errors";
import { listLoops } from "../loops";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { dbtNoteSelector } from "./dbt-selection";
import { loadNoteGraph } from "./note-graph";
import { buildPack, type LoopMention, type PackSources } from "./pack";
import type { ContextPack, PackDecision, PackRequest } from "./pack-types";
import { resolveSelection } from "./selection";
import { openTokenTally, type TokenTally } from "./tally";
import type { TokenCacheStore } from "./token-cache";
import type { TokenCounter } from "./tokenizer";

export interface FocusPackRequest extends Omit<PackRequest, "budget"> {
  /** Default: the budget setting. */
  budget?: number;
  /** A dbt selector restricting the candidates; one that selects no model note is an error. */
  selector?: string;
  exclude?: string;
}

export interface PackSourceOptions {
  /** A tally the caller keeps open (plugin session, MCP server): its cache stays warm. */
  tally?: TokenTally;
  store?: TokenCacheStore;
  counter?: TokenCounter;
}

export interface FocusPackOptions extends PackSourceOptions {
  /** Decisions of earlier builds of this pack (Expand context keeps them). */
  history?: PackDecision[];
  action?: PackDecision["action"];
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
  return { settings, tally, graph, loops };
}

export async function packAroundFocus(
  vault: VaultPort,
  settings: DecpSettings,
  request: FocusPackRequest,
  options: FocusPackOptions = {},
): Promise<ContextPack> {
  const { selector, exclude, ...rest } = request;
  const selection = selector ? await selectNotes(vault, settings, selector, exclude) : request.selection;
  const sources = await openPackSources(vault, settings, options);
  const pack = await buildPack(
    sources,
    { ...rest, budget: request.budget ?? settings.budget, selection },
    options.history,
    options.action,
  );
  await sources.tally.persist(sources.graph.paths);
  return pack;
}

async function selectNotes(
  vault: VaultPort,
  settings: DecpSettings,
  selector: string,
  exclude?: string,
): Promise<PackRequest["selection"]> {
  const selection = await resolveSelection(
    { kind: "dbt", selector, exclude },
    { vault, selectDbt: dbtNoteSelector(vault, settings) },
  );
  if (selection.paths.length === 0)
    throw new UserError(
      `Selector "${selector}"${exclude ? ` --exclude "${exclude}"` : ""} matched no model notes`,
      { token: selector },
      "Check the model names; `decp select <vault> <selector>` shows what matches",
    );
  return selection;
}
