// Builds a context pack around a focus, following the protocol (BOOTLOADER): a model focus is a model
// card with its SQL, its parents come as cards (their SQL when the budget allows), its children as
// names ranked by relevance; a note focus comes with its links. The rendered pack, header included,
// never exceeds the budget; what was left out is listed with why.

import { UserError } from "../errors";
import type { DecpSettings } from "../settings";
import { normalizeVaultPath } from "../vault";
import { linkedNoteName } from "../wikilinks";
import { budgetPhase, formatTokens, parseBudget } from "./budget";
import { factsOfNote, FormMaker, fillBudget, giveBack, overBudget, type Fill } from "./pack-fill";
import { gatherCandidates, type Candidate, type Gathered, type LoopMention } from "./pack-candidates";
import { orderPieces, type ColumnSignal, type Piece } from "./pack-pieces";
import { exclusionRationale } from "./pack-reasons";
import { renderPackMarkdown } from "./pack-render";
import type { ContextPack, ExclusionGroup, PackDecision, PackExclusion, PackItem, PackRequest } from "./pack-types";
import type { ModelFacts } from "../dbt";
import type { NoteGraph, NoteNode } from "./note-graph";
import type { TokenTally } from "./tally";

export type { LoopMention } from "./pack-candidates";

/** Which models read which columns of a model (column-level lineage): model name -> columns read. */
export type ColumnReaders = (model: string, columns: string[]) => Map<string, string[]>;

export interface PackSources {
  settings: Pick<DecpSettings, "phases" | "contextWindow">;
  tally: TokenTally;
  graph: NoteGraph;
  loops?: LoopMention[];
  /** Column-level lineage when the vault has it; without it, a child whose SQL names a column counts. */
  columnReaders?: ColumnReaders;
}

type Assemble = (fill: Fill, focusItem: PackItem | null, focusNeeds?: ContextPack["focusNeeds"]) => ContextPack;

/** The request made concrete: numbers checked, the focus found, the columns in question known. */
interface Plan {
  budget: number;
  depth: number;
  focus: NoteNode;
  /** A dbt node note: the pack is model cards around it; else notes and their links. */
  isModel: boolean;
  columns: string[];
  sql: "raw" | "compiled";
}

export async function buildPack(
  sources: PackSources,
  request: PackRequest,
  history: PackDecision[] = [],
  action: PackDecision["action"] = "build",
): Promise<ContextPack> {
  const plan = resolveRequest(sources.graph, request);
  const gathered = await gatherCandidates(sources.graph, sources.tally, plan.focus, sources.loops ?? [], {
    depth: plan.depth,
    overrides: new Map((request.overrides ?? []).map((o) => [normalizeVaultPath(o.path), o])),
    selection: request.selection ? new Set(request.selection.paths) : null,
  });
  const signal = plan.isModel ? columnSignal(sources, plan) : null;
  const maker = new FormMaker(sources.tally, plan.focus.name, plan.sql, signal);
  const macros = plan.isModel ? macroCandidates(sources, gathered.focus, maker) : [];
  const pieces = orderPieces(plan.isModel, gathered.candidates, macros, signal);
  const assemble = assembler(sources, plan, request, gathered, maker, history, action);
  const fill = fillBudget(
    pieces,
    maker,
    plan.budget,
    estimateFixedCost(sources, plan, gathered, maker, pieces, assemble),
  );
  const pack = fitExactly(plan, gathered, maker, fill, assemble);
  pack.excluded = sortedExclusions(pack.excluded, sources.graph);
  return pack;
}

/**
 * The greedy fill's starting point: the header as if nothing had fitted (its longest form, plus a
 * margin) and the focus without any named children.
 */
function estimateFixedCost(
  sources: PackSources,
  plan: Plan,
  gathered: Gathered,
  maker: FormMaker,
  pieces: Piece[],
  assemble: Assemble,
): number {
  const header = sources.tally.countText(renderPackMarkdown(assemble(emptyFill(pieces), null))) + 16;
  const focus = plan.isModel ? maker.focusCard(gathered.focus, [], []) : maker.item(gathered.focus, "full");
  return header + maker.cost(focus);
}

/** The exact count decides: give back the newest pieces until the pack, header included, fits. */
function fitExactly(plan: Plan, gathered: Gathered, maker: FormMaker, fill: Fill, assemble: Assemble): ContextPack {
  for (;;) {
    const pack = assemble(fill, focusItemFor(maker, gathered.focus, fill, plan.isModel));
    if (pack.used <= plan.budget) return pack;
    if (!giveBack(fill, pack.used - plan.budget)) return focusAlone(plan, gathered, maker, assemble, fill);
  }
}

/** Makes the pack from a fill: the focus item, the exclusions with their words, the header's facts. */
function assembler(
  sources: PackSources,
  plan: Plan,
  request: PackRequest,
  gathered: Gathered,
  maker: FormMaker,
  history: PackDecision[],
  action: PackDecision["action"],
): Assemble {
  const byPath = new Map(gathered.candidates.map((c) => [c.path, c]));
  // Cards that went in without the SQL their notes have: the header says so (a parent reduced to its
  // column names in the focus card has no card to speak of).
  const sqlLeftOut = (fill: Fill) =>
    fill.items
      .map((i) => (i.form === "compact" ? byPath.get(i.path) : undefined))
      .filter((c): c is Candidate => !!c?.lineage && Object.keys(maker.factsOf(c).sql).length > 0)
      .map((c) => c.name);
  return (fill, focusItem, focusNeeds = null) =>
    finish(
      sources,
      plan,
      request,
      gathered,
      { fill, focusItem, focusNeeds, sqlLeftOut: sqlLeftOut(fill) },
      history,
      action,
    );
}

/** "Expand context": the same focus one ring further, under a new (or the same) budget. */
export function expandPack(sources: PackSources, previous: ContextPack, budget?: number): Promise<ContextPack> {
  return buildPack(sources, expandedRequest(previous, budget), previous.history, "expand");
}

export function expandedRequest(previous: ContextPack, budget?: number): PackRequest {
  return { ...previous.request, depth: previous.depth + 1, budget: budget ?? previous.budget };
}

function resolveRequest(graph: NoteGraph, request: PackRequest): Plan {
  const budget = parseBudget(request.budget);
  const depth = request.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 0)
    throw new UserError(
      `Depth "${request.depth}" is not a whole number of rings`,
      { token: String(request.depth) },
      "Use 0 (the focus alone), 1, 2, ...",
    );
  const focus = graph.findNote(request.focus);
  const isModel = graph.isLineageNote(focus);
  const known = isModel ? knownColumns(factsOfNote(focus)) : [];
  return { budget, depth, focus, isModel, columns: columnsInQuestion(known, request), sql: request.sql ?? "raw" };
}

/** The focus's columns: the documented ones and the names its SQL gives with `as` (models rarely document all). */
function knownColumns(facts: ModelFacts): string[] {
  const sql = facts.sql.raw ?? facts.sql.compiled ?? "";
  const aliases = [...sql.matchAll(/\bas\s+([A-Za-z_]\w*)\b(?!\s*\()/gi)].map((m) => m[1]);
  return [...new Set([...facts.columns.map((c) => c.name), ...aliases])];
}

/** The columns the request names (known or not), plus the focus's columns its task text mentions. */
function columnsInQuestion(known: string[], request: PackRequest): string[] {
  const asked = (request.columns ?? []).map((c) => c.trim()).filter(Boolean);
  const task = request.task ?? "";
  const mentioned = known.filter((c) => new RegExp(`\\b${escapeRegExp(c)}\\b`, "i").test(task));
  return [...new Set([...asked, ...mentioned])];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Which columns in question a child reads: from column-level lineage when the sources have it, else
 * whether its SQL names the column (a `select *` child reads everything without naming it).
 */
function columnSignal(sources: PackSources, plan: Plan): ColumnSignal | null {
  if (plan.columns.length === 0) return null;
  // Column lineage that knows no reader at all (a vault imported without column usage) says nothing.
  const readers = sources.columnReaders?.(plan.focus.name, plan.columns);
  if (readers && readers.size > 0) return { verb: "reads", reads: (c) => readers.get(c.name) ?? [] };
  const patterns = plan.columns.map((c) => [c, new RegExp(`\\b${escapeRegExp(c)}\\b`, "i")] as const);
  return {
    verb: "SQL names",
    reads: (c) => {
      const sql = c.text.slice(Math.max(0, c.text.indexOf("\n## SQL")));
      return sql.length < c.text.length ? patterns.filter(([, p]) => p.test(sql)).map(([c]) => c) : [];
    },
  };
}

/** The project's own macros the focus calls, and the ones they call, as macro notes. */
function macroCandidates(sources: PackSources, focus: Candidate, maker: FormMaker): Candidate[] {
  const { graph, tally } = sources;
  const found: Candidate[] = [];
  const seen = new Set<string>();
  const queue = maker.factsOf(focus).macros.map((name) => ({ name, calledBy: focus.name }));
  while (queue.length > 0) {
    const { name, calledBy } = queue.shift() as { name: string; calledBy: string };
    const path = graph.resolve(name, focus.path);
    const node = path ? graph.notes.get(path) : undefined;
    if (!node || seen.has(node.path) || node.frontmatter.type !== "macro") continue;
    seen.add(node.path);
    found.push({
      path: node.path,
      name: node.name,
      text: node.text,
      noteTokens: tally.countFileText(node.path, node.text),
      cause: { kind: "macro", calledBy },
      distance: 1,
      direction: "upstream",
      links: 0,
      loops: [],
      node,
      lineage: false,
    });
    const calls = node.frontmatter.macros;
    if (Array.isArray(calls)) for (const call of calls) queue.push({ name: linkedNoteName(call), calledBy: node.name });
  }
  return found;
}

function emptyFill(pieces: Piece[]): Fill {
  return {
    items: [],
    steps: [],
    over: pieces.filter((p) => p.kind === "add").map((p) => overBudget(p.candidate, p.forms.includes("name"))),
  };
}

function focusItemFor(maker: FormMaker, focus: Candidate, fill: Fill, focusIsModel: boolean): PackItem {
  if (!focusIsModel) return maker.item(focus, "full");
  const named = fill.items
    .filter((i) => i.form === "name")
    .map((i) => ({ name: i.name, group: i.group ?? "", entry: i.content }));
  const macros = fill.items.filter((i) => i.cause.kind === "macro").map((i) => i.name);
  return maker.focusCard(
    focus,
    named,
    macros,
    fill.items.filter((i) => i.cause.kind === "ring" && i.cause.direction === "upstream" && i.distance === 1),
  );
}

/** Nothing but the focus fits: a note falls back to its compact form; a model card says what it needs. */
function focusAlone(plan: Plan, gathered: Gathered, maker: FormMaker, assemble: Assemble, fill: Fill): ContextPack {
  const needed = (item: PackItem) => assemble(fill, item).used;
  const full = focusItemFor(maker, gathered.focus, fill, plan.isModel);
  if (plan.isModel)
    throw new UserError(
      `The model card of "${plan.focus.name}" with its SQL needs ${formatTokens(needed(full))} tokens, over the ${formatTokens(plan.budget)}-token budget`,
      { file: plan.focus.path },
      `Raise the budget to at least ${formatTokens(needed(full))}`,
    );
  const compact = maker.item(gathered.focus, "compact");
  const pack = assemble(fill, compact, { full: full.tokens, compact: compact.tokens });
  if (pack.used <= plan.budget) return pack;
  throw new UserError(
    `The focus "${plan.focus.name}" needs ${formatTokens(full.tokens)} tokens in full and the pack needs ${formatTokens(pack.used)} even with the compact form, over the ${formatTokens(plan.budget)}-token budget`,
    { file: plan.focus.path },
    `Raise the budget to at least ${formatTokens(pack.used)}`,
  );
}

/** By reason, then in the vault's order: the reasons (a few) ranked once, thousands of notes by number. */
function sortedExclusions(excluded: PackExclusion[], graph: NoteGraph): PackExclusion[] {
  const reasons = [...new Set(excluded.map((e) => e.reason))].sort();
  const rank = new Map(reasons.map((r, i) => [r, i]));
  // One number per exclusion (reason rank, then position; stable for equal ones): no object per note.
  const keys = new Float64Array(excluded.length);
  for (let i = 0; i < excluded.length; i++)
    keys[i] = rank.get(excluded[i].reason)! * (graph.paths.length + 1) + (graph.positionOf(excluded[i].path) ?? 0);
  const indices = Array.from(excluded.keys()).sort((a, b) => keys[a] - keys[b] || a - b);
  return indices.map((i) => excluded[i]);
}

interface Outcome {
  fill: Fill;
  focusItem: PackItem | null;
  focusNeeds: ContextPack["focusNeeds"];
  sqlLeftOut: string[];
}

function finish(
  sources: PackSources,
  plan: Plan,
  request: PackRequest,
  gathered: Gathered,
  { fill, focusItem, focusNeeds, sqlLeftOut }: Outcome,
  history: PackDecision[],
  action: PackDecision["action"],
): ContextPack {
  const { tally, settings } = sources;
  // In the order of their reasons; the notes themselves are sorted once, for the pack that is returned.
  const excluded = [...gathered.excluded, ...fill.over];
  const byReason = new Map<string, ExclusionGroup>();
  for (const e of excluded) {
    let group = byReason.get(e.reason);
    if (!group)
      byReason.set(
        e.reason,
        (group = {
          reason: e.reason,
          files: 0,
          tokens: 0,
          asNames: true,
          rationale: exclusionRationale(e.cause, plan.budget),
        }),
      );
    group.files++;
    group.tokens += e.tokens;
    group.asNames &&= e.cause.kind === "over-budget" && e.cause.asName === true;
  }
  const groups = [...byReason.keys()].sort().map((reason) => byReason.get(reason)!);
  const included = focusItem ? [focusItem, ...fill.items] : [...fill.items];
  const pack: ContextPack = {
    request: { ...request, depth: plan.depth },
    focus: { path: plan.focus.path, name: plan.focus.name, lineage: plan.isModel },
    encoding: tally.encoding,
    budget: plan.budget,
    used: 0,
    remaining: plan.budget,
    contextWindow: settings.contextWindow,
    phase: "comfortable",
    depth: plan.depth,
    selector: request.selection?.label ?? null,
    columns: plan.columns,
    included,
    excluded,
    groups,
    sqlLeftOut,
    focusNeeds,
    history: [...history],
  };
  // The header states its own token count: iterate to the fixed point (one or two rounds).
  let stated = 0;
  for (let round = 0; round < 6; round++) {
    setUsed(pack, stated, settings);
    const actual = tally.countText(renderPackMarkdown(pack));
    if (actual === stated) break;
    stated = round < 5 ? actual : Math.max(actual, stated);
  }
  setUsed(pack, stated, settings);
  pack.history = [...history, { action, depth: plan.depth, budget: plan.budget, used: stated }];
  return pack;
}

function setUsed(pack: ContextPack, used: number, settings: PackSources["settings"]): void {
  pack.used = used;
  pack.remaining = pack.budget - used;
  pack.phase = budgetPhase(used, settings.contextWindow, settings.phases);
}
