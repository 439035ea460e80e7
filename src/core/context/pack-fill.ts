// Filling a budget: each piece, in priority order, takes the first form that fits by its own count
// (sections are counted alone); then the whole pack is counted exactly and the last pieces given back
// until it fits. Each candidate's forms are made and counted at most once per build.

import { readMacroNote, readModelNote, type ModelFacts } from "../dbt";
import type { NoteNode } from "./note-graph";
import { exclusionOf, type Candidate, type Exclusion } from "./pack-candidates";
import { parentLine, renderMacroCard, renderModelCard, type NamedChild } from "./model-card";
import { noteSection, type PackForm } from "./note-forms";
import { childEntry, type ColumnSignal, type Piece } from "./pack-pieces";
import { describeInclude, type IncludeCause } from "./pack-reasons";
import type { PackItem } from "./pack-types";
import type { TokenTally } from "./tally";

/**
 * Once this many pieces in a row did not fit, the rest (lower ranked) are over budget without making
 * or counting their forms: around a model with 2,000 children, trying each costs more than it adds.
 */
const MISSES_BEFORE_GIVING_UP = 24;
/** Blank lines between sections. */
const SEPARATOR = 2;

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;

// A node's text and frontmatter never change once read, so its facts are read once (the focus's are
// asked for by the request, the fill and the card).
const factsByNode = new WeakMap<NoteNode, ModelFacts>();

/** What a model card shows, read from a dbt node note. */
export function factsOfNote(node: NoteNode): ModelFacts {
  let facts = factsByNode.get(node);
  if (!facts)
    factsByNode.set(node, (facts = readModelNote(node.frontmatter, node.text.replace(FRONTMATTER, ""), node.name)));
  return facts;
}

/** The title a card or note section carries: its place around the focus. */
export function roleOf(cause: IncludeCause, focus: string): string {
  switch (cause.kind) {
    case "ring":
      if (cause.distance > 1) return `${cause.direction}, depth ${cause.distance}`;
      return cause.direction === "upstream"
        ? `parent of ${focus}`
        : cause.direction === "downstream"
          ? `child of ${focus}`
          : "linked";
    case "by-user":
      return `included by you: ${cause.note}`;
    default:
      return describeInclude(cause);
  }
}

export class FormMaker {
  private readonly made = new Map<string, PackItem>();
  private readonly facts = new Map<string, ModelFacts>();

  constructor(
    private readonly tally: TokenTally,
    private readonly focus: string,
    private readonly sql: "raw" | "compiled",
    private readonly signal: ColumnSignal | null,
  ) {}

  factsOf(c: Candidate): ModelFacts {
    let facts = this.facts.get(c.path);
    if (!facts && c.node) this.facts.set(c.path, (facts = factsOfNote(c.node)));
    return facts as ModelFacts;
  }

  item(c: Candidate, form: PackForm): PackItem {
    const key = `${form}:${c.path}`;
    let made = this.made.get(key);
    if (!made) this.made.set(key, (made = this.make(c, form)));
    return made;
  }

  /**
   * The focus card, made last: which children it names, which parents' column names it carries and
   * which macros follow it are known then.
   */
  focusCard(c: Candidate, named: NamedChild[], macrosShown: string[], parents: PackItem[] = []): PackItem {
    const facts = this.factsOf(c);
    const content = renderModelCard({
      facts,
      title: c.name,
      role: "focus",
      sql: this.sql,
      loops: c.loops,
      children: { total: facts.downstream.length, named },
      macrosShown,
      parentsInline: new Map(parents.filter((p) => p.form === "columns").map((p) => [p.name, p.content])),
      parentsCarded: new Set(parents.filter((p) => p.form !== "columns").map((p) => p.name)),
    });
    return this.toItem(c, "full", content);
  }

  /**
   * Tokens a piece adds to the pack: a section and its separator, a child's name and its comma, or a
   * parent's line in the focus card.
   */
  cost(item: PackItem): number {
    if (item.form === "name") return this.tally.countText(`, ${item.content}`);
    if (item.form === "columns") return this.tally.countText(`\n- ${item.content}`);
    return item.tokens + SEPARATOR;
  }

  private make(c: Candidate, form: PackForm): PackItem {
    const role = roleOf(c.cause, this.focus);
    if (form === "name") {
      const { group, entry } = childEntry(c, this.signal);
      return { ...this.toItem(c, "name", entry), group };
    }
    if (c.cause.kind === "macro" && c.node) {
      const macro = readMacroNote(c.node.frontmatter, c.node.text.replace(FRONTMATTER, ""), c.name);
      if (macro) return this.toItem(c, form, renderMacroCard(macro, c.cause.calledBy));
    }
    if (c.lineage) {
      if (form === "columns") return this.toItem(c, form, parentLine(c.name, this.factsOf(c)));
      const sql = form === "full" ? this.sql : null;
      const card = { facts: this.factsOf(c), title: c.name, role, sql, loops: c.loops };
      return this.toItem(c, form, renderModelCard(card));
    }
    return this.toItem(c, form, noteSection(c.name, role, c.text, form === "full" ? "full" : "compact"));
  }

  private toItem(c: Candidate, form: PackForm, content: string): PackItem {
    return {
      path: c.path,
      name: c.name,
      tokens: this.tally.countText(content),
      reason: describeInclude(c.cause),
      cause: c.cause,
      form,
      content,
      distance: c.distance,
      loops: c.loops.length,
    };
  }
}

/** What the pieces added, in the order they added it, so the last can be given back first. */
export interface Fill {
  items: PackItem[];
  over: Exclusion[];
  /** Undo steps, newest last: the path added or upgraded, the item it replaced, the tokens it added. */
  steps: Array<{ path: string; before: PackItem | null; candidate: Candidate; cost: number }>;
}

export function fillBudget(pieces: Piece[], maker: FormMaker, budget: number, alreadyUsed: number): Fill {
  const fill: Fill = { items: [], over: [], steps: [] };
  const at = new Map<string, number>();
  let used = alreadyUsed;
  let misses = 0;
  for (const piece of pieces) {
    const c = piece.candidate;
    if (piece.kind === "upgrade") {
      const index = at.get(c.path);
      if (index === undefined || misses >= MISSES_BEFORE_GIVING_UP) continue;
      const before = fill.items[index];
      const after = maker.item(c, piece.to);
      const delta = maker.cost(after) - maker.cost(before);
      if (used + delta > budget) continue;
      fill.items[index] = after;
      fill.steps.push({ path: c.path, before, candidate: c, cost: delta });
      used += delta;
      continue;
    }
    // Once the budget is spent, the rest is over budget without making anything.
    const choice =
      misses < MISSES_BEFORE_GIVING_UP && used < budget
        ? piece.forms.map((form) => maker.item(c, form)).find((i) => used + maker.cost(i) <= budget)
        : undefined;
    if (!choice) {
      misses++;
      fill.over.push(overBudget(c, piece.forms.includes("name")));
      continue;
    }
    misses = 0;
    at.set(c.path, fill.items.length);
    fill.items.push(choice);
    fill.steps.push({ path: c.path, before: null, candidate: c, cost: maker.cost(choice) });
    used += maker.cost(choice);
  }
  return fill;
}

/**
 * Gives back the newest steps until they freed `tokens` (at least one step): an upgrade returns to the
 * form before it, an addition goes over budget. False when there was nothing left to give back.
 */
export function giveBack(fill: Fill, tokens: number): boolean {
  if (fill.steps.length === 0) return false;
  for (let freed = 0; freed < tokens || freed === 0;) {
    const step = fill.steps.pop();
    if (!step) break;
    freed += Math.max(1, step.cost);
    const index = fill.items.findIndex((i) => i.path === step.path);
    if (step.before) fill.items[index] = step.before;
    else {
      const [removed] = fill.items.splice(index, 1);
      fill.over.unshift(overBudget(step.candidate, removed.form === "name"));
    }
  }
  return true;
}

export function overBudget(c: Candidate, asName: boolean): Exclusion {
  const cause: Exclusion["cause"] = asName
    ? { kind: "over-budget", wanted: c.cause, asName }
    : { kind: "over-budget", wanted: c.cause };
  return exclusionOf(c.path, c.noteTokens, cause);
}
