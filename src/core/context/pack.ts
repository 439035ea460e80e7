// Builds a context pack in rings around a focus: the focus, then direct parents and children (or
// direct links), then the next ring. Whole notes while they fit, compact forms next, the rest
// excluded with a reason. The rendered pack, header included, never exceeds the budget.

import { UserError } from "../errors";
import type { Frontmatter } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { normalizeVaultPath } from "../vault";
import { linkTarget } from "../wikilinks";
import { budgetPhase, formatTokens, parseBudget } from "./budget";
import { isMarkdown } from "./file-kinds";
import type { NoteGraph, NoteNode } from "./note-graph";
import { compactForm, fullForm, type FormOptions } from "./note-forms";
import { renderPackItem, renderPackMarkdown } from "./pack-render";
import type { ContextPack, ExclusionGroup, PackDecision, PackExclusion, PackItem, PackRequest } from "./pack-types";
import { beyondLabel, ringLabel, ringsAround, type Direction } from "./rings";
import type { TokenTally } from "./tally";

/** What packs read about loops (the loops area's Loop has these fields). */
export interface LoopMention {
  id: string;
  status: string;
  models: string[];
  path: string;
}

export interface PackSources {
  settings: Pick<DecpSettings, "phases" | "stripComments" | "stripFrontmatter">;
  tally: TokenTally;
  graph: NoteGraph;
  loops?: LoopMention[];
  /** The templates area's stripTeachingComments; used when settings.stripComments is on. */
  stripTeachingComments?: (text: string) => string;
}

interface Candidate {
  path: string;
  name: string;
  text: string;
  fullTokens: number;
  reason: string;
  priority: number;
  distance: number;
  direction: Direction | "selected";
  links: number;
  loops: number;
  /** Parsed when the note graph was loaded; compact forms reuse it instead of parsing the YAML again. */
  frontmatter?: Frontmatter;
}

const OVER_BUDGET = "over budget";
/**
 * Once this many candidates in a row did not fit, the rest (lower ranked) are over budget without
 * rendering or counting them: around a model with 2,000 children, trying every one costs hundreds of
 * milliseconds and at best adds a tiny note at the bottom of the ranking.
 */
const MISSES_BEFORE_GIVING_UP = 24;
/** The same order as localeCompare, without its per-call collator setup (thousands of paths per pack). */
const compareText = new Intl.Collator().compare;
const DIRECTION_ORDER: Record<Direction | "selected", number> = { upstream: 0, linked: 1, downstream: 2, selected: 3 };

export async function buildPack(
  sources: PackSources,
  request: PackRequest,
  history: PackDecision[] = [],
  action: PackDecision["action"] = "build",
): Promise<ContextPack> {
  const budget = parseBudget(request.budget);
  const depth = request.depth ?? 1;
  if (!Number.isInteger(depth) || depth < 0)
    throw new UserError(
      `Depth "${request.depth}" is not a whole number of rings`,
      { token: String(request.depth) },
      "Use 0 (the focus alone), 1, 2, ...",
    );
  const { graph, tally, settings } = sources;
  const focus = graph.findNote(request.focus);
  const forms: FormOptions = {
    stripComments: settings.stripComments ? sources.stripTeachingComments : undefined,
    stripFrontmatter: settings.stripFrontmatter,
  };
  const overrides = new Map((request.overrides ?? []).map((o) => [normalizeVaultPath(o.path), o]));
  const selection = request.selection ? new Set(request.selection.paths) : null;
  const loopCounts = countLoopMentions(graph, sources.loops ?? []);

  const candidates: Candidate[] = [];
  const excluded: PackExclusion[] = [];
  const members = ringsAround(graph, focus);
  const reachable = new Set(members.map((m) => m.path));
  const extra = [
    ...new Set([
      ...(selection ?? []),
      ...[...overrides.values()].filter((o) => o.action === "include").map((o) => o.path),
    ]),
  ]
    .filter((p) => p !== focus.path && !reachable.has(p))
    .sort();
  const pool = [
    ...members.map((m) => ({
      ...m,
      label: ringLabel(m.direction, m.distance),
      beyond: m.distance > depth ? beyondLabel(m.direction, depth) : null,
    })),
    ...extra.map((path) => ({
      path,
      distance: depth + 1,
      direction: "selected" as const,
      links: 0,
      label: "selected, not linked to the focus",
      beyond: null,
    })),
  ];

  // Paths are ranked once; every later sort (candidates, each trial's exclusions) compares numbers.
  const pathRank = new Map([...pool.map((m) => m.path), focus.path].sort(compareText).map((p, i) => [p, i]));
  const byPath = (a: string, b: string) => (pathRank.get(a) as number) - (pathRank.get(b) as number);
  for (const member of pool.sort((a, b) => a.distance - b.distance || byPath(a.path, b.path))) {
    // Notes come from the loaded graph without a round trip through the event loop.
    const material = graph.notes.has(member.path)
      ? graphMaterial(graph, tally, member.path)
      : await readMaterial(graph, tally, member.path);
    if ("skipped" in material) {
      excluded.push({ path: member.path, tokens: 0, reason: `skipped: ${material.skipped}` });
      continue;
    }
    const override = overrides.get(member.path);
    const exclude = (reason: string) => excluded.push({ path: member.path, tokens: material.tokens, reason });
    if (override?.action === "exclude") exclude(`excluded by you: ${override.reason}`);
    else if (override?.action === "include")
      candidates.push(candidate(member, material, `included by you: ${override.reason}`, 0, loopCounts));
    else if (selection && !selection.has(member.path)) exclude("outside the selection");
    else if (member.beyond) exclude(member.beyond);
    else candidates.push(candidate(member, material, member.label, 1, loopCounts));
  }
  // Within a ring: open loops first, then inputs before consumers (a model reads its parents), then
  // the more connected notes.
  candidates.sort(
    (a, b) =>
      a.priority - b.priority ||
      a.distance - b.distance ||
      b.loops - a.loops ||
      DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction] ||
      b.links - a.links ||
      byPath(a.path, b.path),
  );

  const focusTokens = tally.countFileText(focus.path, focus.text);
  const focusItem = (form: "full" | "compact"): PackItem =>
    item(
      {
        path: focus.path,
        name: focus.name,
        text: focus.text,
        fullTokens: focusTokens,
        reason: "focus",
        distance: 0,
        loops: loopCounts.get(focus.path) ?? 0,
        frontmatter: focus.unreadable ? undefined : focus.frontmatter,
      },
      form,
      forms,
      tally,
    );
  const shell: Omit<
    ContextPack,
    "included" | "excluded" | "groups" | "used" | "remaining" | "phase" | "stripped" | "focusNeeds"
  > = {
    request: { ...request, depth },
    focus: { path: focus.path, name: focus.name, lineage: graph.isLineageNote(focus) },
    encoding: tally.encoding,
    budget,
    depth,
    selector: request.selection?.label ?? null,
    history: [...history],
  };
  const assemble = (included: PackItem[], over: PackExclusion[], focusNeeds: ContextPack["focusNeeds"]) =>
    finish(sources, shell, included, [...excluded, ...over], focusNeeds, action, byPath);

  // Greedy fill on estimates (each section counted alone, the header as if nothing fitted) ...
  let included = [focusItem("full")];
  let focusNeeds: ContextPack["focusNeeds"] = null;
  const over: PackExclusion[] = [];
  const header =
    tally.countText(
      renderPackMarkdown(
        assemble(
          [],
          candidates.map((c) => ({ path: c.path, tokens: c.fullTokens, reason: `${c.reason}, ${OVER_BUDGET}` })),
          null,
        ),
      ),
    ) + 16;
  const cost = (i: PackItem) => tally.countText(renderPackItem(i)) + 2;
  const candidateAt = new Map(candidates.map((c) => [c.path, c]));
  // Each candidate's forms are made (and counted) at most once per build.
  const madeForms = new Map<string, PackItem>();
  const formOf = (c: Candidate, form: "full" | "compact") => {
    const key = `${form}:${c.path}`;
    let made = madeForms.get(key);
    if (!made) madeForms.set(key, (made = item(c, form, forms, tally)));
    return made;
  };
  let used = header + cost(included[0]);
  let misses = 0;
  for (const c of candidates) {
    if (misses >= MISSES_BEFORE_GIVING_UP) {
      over.push({ path: c.path, tokens: c.fullTokens, reason: `${c.reason}, ${OVER_BUDGET}` });
      continue;
    }
    // Every item costs at least 2 tokens: once the budget is spent, the rest is over budget without
    // rendering anything; the compact form is only made when the full one does not fit.
    const full = used + 2 <= budget ? formOf(c, "full") : null;
    const fits = (i: PackItem | null): i is PackItem => i !== null && used + cost(i) <= budget;
    const choice = fits(full) ? full : full && isMarkdown(c.path) ? [formOf(c, "compact")].find(fits) : undefined;
    misses = choice ? 0 : misses + 1;
    if (choice) {
      included.push(choice);
      used += cost(choice);
    } else over.push({ path: c.path, tokens: c.fullTokens, reason: `${c.reason}, ${OVER_BUDGET}` });
  }

  // ... then the exact count decides: shrink from the least relevant end until the pack fits.
  let pack: ContextPack;
  for (;;) {
    pack = assemble(included, over, focusNeeds);
    if (pack.used <= budget) break;
    const last = included[included.length - 1];
    if (included.length === 1) {
      if (last.form === "compact") {
        const needed = assemble([last], [], focusNeeds).used;
        throw new UserError(
          `The focus "${focus.name}" needs ${formatTokens(focusTokens)} tokens in full and the pack needs ${formatTokens(needed)} even with the compact form, over the ${formatTokens(budget)}-token budget`,
          { file: focus.path },
          `Raise the budget to at least ${formatTokens(needed)}`,
        );
      }
      const compact = focusItem("compact");
      focusNeeds = { full: last.tokens, compact: compact.tokens };
      included = [compact];
      continue;
    }
    included = included.slice(0, -1);
    if (last.form === "full" && isMarkdown(last.path)) {
      const compact = formOf(candidateAt.get(last.path) as Candidate, "compact");
      if (compact.tokens < last.tokens) {
        included.push(compact);
        continue;
      }
    }
    const source = candidateAt.get(last.path) as Candidate;
    over.unshift({ path: last.path, tokens: source.fullTokens, reason: `${last.reason}, ${OVER_BUDGET}` });
  }

  // The estimate was pessimistic: offer what was left out again, in rank order, counted exactly.
  misses = 0;
  for (const left of [...over]) {
    if (misses++ >= MISSES_BEFORE_GIVING_UP || pack.remaining < 2) break;
    const c = candidateAt.get(left.path) as Candidate;
    for (const form of isMarkdown(c.path) ? (["full", "compact"] as const) : (["full"] as const)) {
      const trialItem = formOf(c, form);
      if (cost(trialItem) - 2 > pack.remaining) continue;
      const rest = over.filter((o) => o !== left);
      const trial = assemble([...included, trialItem], rest, focusNeeds);
      if (trial.used <= budget) {
        included = [...included, trialItem];
        over.splice(over.indexOf(left), 1);
        pack = trial;
        misses = 0;
        break;
      }
    }
  }
  return pack;
}

/** "Expand context": the same focus one ring further, under a new (or the same) budget. */
export function expandPack(sources: PackSources, previous: ContextPack, budget?: number): Promise<ContextPack> {
  return buildPack(
    sources,
    { ...previous.request, depth: previous.depth + 1, budget: budget ?? previous.budget },
    previous.history,
    "expand",
  );
}

function candidate(
  member: { path: string; distance: number; links: number; direction: Direction | "selected" },
  material: { text: string; tokens: number; name: string; frontmatter?: Frontmatter },
  reason: string,
  priority: number,
  loops: Map<string, number>,
): Candidate {
  return {
    path: member.path,
    name: material.name,
    text: material.text,
    fullTokens: material.tokens,
    reason,
    priority,
    distance: member.distance,
    direction: member.direction,
    links: member.links,
    loops: loops.get(member.path) ?? 0,
    frontmatter: material.frontmatter,
  };
}

function item(
  c: Pick<Candidate, "path" | "name" | "text" | "reason" | "distance" | "loops" | "fullTokens" | "frontmatter">,
  form: "full" | "compact",
  forms: FormOptions,
  tally: TokenTally,
): PackItem {
  const content =
    form === "full"
      ? isMarkdown(c.path)
        ? fullForm(c.text, forms)
        : c.text
      : compactForm(c.text, forms, c.frontmatter);
  const tokens = content === c.text ? c.fullTokens : tally.countText(content);
  return { path: c.path, name: c.name, tokens, reason: c.reason, form, content, distance: c.distance, loops: c.loops };
}

type Material = { text: string; tokens: number; name: string; frontmatter?: Frontmatter } | { skipped: string };

function graphMaterial(graph: NoteGraph, tally: TokenTally, path: string): Material {
  const note = graph.notes.get(path) as NoteNode;
  return {
    text: note.text,
    tokens: tally.countFileText(path, note.text),
    name: note.name,
    frontmatter: note.unreadable ? undefined : note.frontmatter,
  };
}

async function readMaterial(graph: NoteGraph, tally: TokenTally, path: string): Promise<Material> {
  if (graph.notes.has(path)) return graphMaterial(graph, tally, path);
  const read = await tally.readFile(path);
  if ("skipped" in read) return { skipped: read.skipped };
  return { text: read.text, tokens: read.tokens, name: path.slice(path.lastIndexOf("/") + 1) };
}

/** Open (or clarifying) loops per note they mention, through `models:` or links in the loop note. */
function countLoopMentions(graph: NoteGraph, loops: LoopMention[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const loop of loops) {
    if (loop.status !== "open" && loop.status !== "clarifying") continue;
    const mentioned = new Set<string>(graph.notes.get(loop.path)?.links ?? []);
    for (const model of loop.models) {
      const path = graph.resolve(linkTarget(model), loop.path);
      if (path) mentioned.add(path);
    }
    for (const path of mentioned) counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  return counts;
}

const RATIONALES: Array<[RegExp, (budget: number) => string]> = [
  [/ beyond depth \d+$/, () => "Further from the focus than this pack reaches; Expand context adds the next ring."],
  [/, over budget$/, (b) => `Did not fit in the ${formatTokens(b)}-token budget after closer, more relevant notes.`],
  [/^outside the selection$/, () => "Not matched by the selector."],
  [/^skipped: /, () => "Not text that can be counted (binary, image, PDF or too large)."],
  [/^excluded by you: /, () => "Excluded by the user for this task."],
];

function finish(
  sources: PackSources,
  shell: Omit<
    ContextPack,
    "included" | "excluded" | "groups" | "used" | "remaining" | "phase" | "stripped" | "focusNeeds"
  >,
  included: PackItem[],
  excluded: PackExclusion[],
  focusNeeds: ContextPack["focusNeeds"],
  action: PackDecision["action"],
  comparePaths: (a: string, b: string) => number,
): ContextPack {
  const { tally, settings } = sources;
  const sorted = [...excluded].sort(
    (a, b) => (a.reason === b.reason ? 0 : compareText(a.reason, b.reason)) || comparePaths(a.path, b.path),
  );
  const groups: ExclusionGroup[] = [];
  for (const e of sorted) {
    let group = groups.find((g) => g.reason === e.reason);
    if (!group) {
      const rationale = RATIONALES.find(([pattern]) => pattern.test(e.reason))?.[1](shell.budget) ?? "";
      group = { reason: e.reason, files: 0, tokens: 0, rationale };
      groups.push(group);
    }
    group.files++;
    group.tokens += e.tokens;
  }
  const savedTokens = included
    .filter((i) => i.form === "full" && isMarkdown(i.path))
    .reduce(
      (sum, i) =>
        sum + Math.max(0, tally.countFileText(i.path, sources.graph.notes.get(i.path)?.text ?? i.content) - i.tokens),
      0,
    );
  const pack: ContextPack = {
    ...shell,
    included,
    excluded: sorted,
    groups,
    used: 0,
    remaining: shell.budget,
    phase: budgetPhase(0, shell.budget, settings.phases),
    stripped: {
      comments: settings.stripComments && !!sources.stripTeachingComments,
      frontmatter: settings.stripFrontmatter,
      savedTokens,
    },
    focusNeeds,
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
  pack.history = [...shell.history, { action, depth: shell.depth, budget: shell.budget, used: stated }];
  return pack;
}

function setUsed(pack: ContextPack, used: number, settings: PackSources["settings"]): void {
  pack.used = used;
  pack.remaining = pack.budget - used;
  pack.phase = budgetPhase(used, pack.budget, settings.phases);
}
