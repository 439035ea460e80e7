// The one way to build a pack around a focus, for the plugin, the CLI and the MCP server alike: it
// loads what a pack reads (note graph, open loops, the cached tally), resolves a dbt selector, builds
// the pack and keeps the token cache. A caller that keeps a tally open (the plugin's session, the MCP
// server) passes it, so its cache stays warm across packs.

import { columnsReadBy, loadLineageFromVault } from "../dbt";
import { UserError } from "../errors";
import { listLoops } from "../loops";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { dbtNoteSelector } from "./dbt-selection";
import { loadNoteGraph } from "./note-graph";
import { loadPackGraph } from "./pack-graph";
import { buildPack, type ColumnReaders, type LoopMention, type PackSources } from "./pack";
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

/** What a pack reads; with its focus known, a lineage pack's graph may come from the saved pack graph. */
export async function openPackSources(
  vault: VaultPort,
  settings: DecpSettings,
  options: PackSourceOptions = {},
  focus?: string,
): Promise<PackSources> {
  const maxBytes = settings.maxTallyBytes;
  const [tally, graph, loops] = await Promise.all([
    options.tally ? Promise.resolve(options.tally) : openTokenTally(vault, settings, options.store, options.counter),
    focus === undefined ? loadNoteGraph(vault, { maxBytes }) : loadPackGraph(vault, focus, maxBytes),
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
  const sources = await openPackSources(vault, settings, options, rest.focus);
  // Columns in question: the children that read them (column-level lineage from the notes) rank first.
  if (rest.columns?.length || rest.task) sources.columnReaders = await columnReadersOf(vault, settings);
  const pack = await buildPack(
    sources,
    { ...rest, budget: request.budget ?? settings.budget, selection },
    options.history,
    options.action,
  );
  // Counts a pack made are saved, dropping those of files gone; a pack that counted nothing writes
  // nothing and need not walk the cache (files gone are dropped at the next write).
  const { tally, graph } = sources;
  if (tally.cache.dirty) await tally.persist(graph.paths);
  return pack;
}

/** Which downstream models read which of a model's columns, from the column usage the import wrote. */
async function columnReadersOf(vault: VaultPort, settings: DecpSettings): Promise<ColumnReaders> {
  const graph = await loadLineageFromVault(vault, settings);
  return (model, columns) => columnsReadBy(graph, model, columns);
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
