// The protocol's priorities as an ordered list of pieces (BOOTLOADER: the focus in full, parents as
// cards, children as names) and the ranking within each kind. A piece adds a note in the first form
// that fits, or upgrades an included card: from its column names to the whole card, then to the card with its SQL.

import type { Frontmatter } from "../frontmatter";
import type { RankFacts } from "./note-graph";
import type { Candidate } from "./pack-candidates";
import type { PackForm } from "./note-forms";

export type Piece =
  { kind: "add"; candidate: Candidate; forms: PackForm[] } | { kind: "upgrade"; candidate: Candidate; to: PackForm };

/** Which of the columns in question a note reads, and the verb that says how that is known. */
export interface ColumnSignal {
  verb: string;
  reads(candidate: Candidate): string[];
}

/** The first children named before the parents' SQL: the most relevant consumers come before detail. */
const FIRST_CHILDREN = 20;

const MATERIALIZATION_RANK: Record<string, number> = { incremental: 0, table: 1, snapshot: 1, view: 2 };

// Numbers in names in numeric order: rpt_7 before rpt_17 before rpt_107.
const compareText = new Intl.Collator("en", { numeric: true }).compare;

/** Where ranking ends: by name, then path (a restored graph saved each note's place in this order). */
export function compareNames(a: { name: string; path: string }, b: { name: string; path: string }): number {
  return compareText(a.name, b.name) || compareText(a.path, b.path);
}

function byName(a: Candidate, b: Candidate): number {
  return compareNames(a, b);
}

/** What ranking reads of a note's frontmatter; a restored graph saved it (pack-graph.ts) from this. */
export function rankFactsOf(frontmatter: Frontmatter | undefined): RankFacts {
  const materialized = frontmatter?.materialized;
  const exposures = frontmatter?.exposures;
  return {
    materialized: typeof materialized === "string" ? materialized : "",
    exposures: Array.isArray(exposures) ? exposures.map(String) : [],
  };
}

function rankFacts(c: Candidate): RankFacts {
  return c.node?.rank ?? rankFactsOf(c.node?.frontmatter);
}

export function materializedOf(c: Candidate): string {
  return rankFacts(c).materialized;
}

function exposuresOf(c: Candidate): string[] {
  return rankFacts(c).exposures;
}

/** A consumer's own reach: its children plus the dashboards and apps (exposures) that read it. */
function impactOf(c: Candidate): number {
  return (c.node?.downstream.length ?? 0) + exposuresOf(c).length;
}

/**
 * Children by relevance, never by name first: those that read the columns in question, then those
 * with open loops, then incremental and table before views, then by their own reach; ties by name.
 */
export function rankChildren(children: Candidate[], signal: ColumnSignal | null): Candidate[] {
  // Each child's signals once: thousands of children are compared many times over.
  const keyed = children.map((c) => ({
    c,
    reads: signal ? signal.reads(c).length : 0,
    rank: MATERIALIZATION_RANK[materializedOf(c)] ?? 3,
    impact: impactOf(c),
    named: c.node?.rank?.nameOrder,
  }));
  keyed.sort(
    (a, b) =>
      a.c.distance - b.c.distance ||
      b.reads - a.reads ||
      b.c.loops.length - a.c.loops.length ||
      a.rank - b.rank ||
      b.impact - a.impact ||
      (a.named !== undefined && b.named !== undefined ? a.named - b.named : byName(a.c, b.c)),
  );
  return keyed.map((k) => k.c);
}

/** Cards and linked notes: closer first, then open loops, then the more connected; ties by name. */
export function rankNotes(notes: Candidate[]): Candidate[] {
  return [...notes].sort(
    (a, b) => a.distance - b.distance || b.loops.length - a.loops.length || b.links - a.links || byName(a, b),
  );
}

/** How a named child reads in the focus card: the group it ranks in, and its name with what matters. */
export function childEntry(c: Candidate, signal: ColumnSignal | null): { group: string; entry: string } {
  const read = signal?.reads(c) ?? [];
  const group = read.length > 0 ? `${signal?.verb} ${read.join(", ")}` : materializedOf(c) || "other";
  const notes = [
    read.length > 0 && materializedOf(c) ? materializedOf(c) : "",
    c.node?.downstream.length ? `${c.node.downstream.length} downstream` : "",
    ...exposuresOf(c).map((e) => `exposure ${e.replace(/ \(.*\)$/, "")}`),
    ...c.loops.map((l) => l.id),
  ].filter(Boolean);
  const depth = c.distance > 1 ? `depth ${c.distance}` : "";
  return {
    group: depth ? `${depth}, ${group}` : group,
    entry: notes.length ? `${c.name} (${notes.join(", ")})` : c.name,
  };
}

export function orderPieces(
  focusIsModel: boolean,
  candidates: Candidate[],
  macros: Candidate[],
  signal: ColumnSignal | null,
): Piece[] {
  const of = (test: (c: Candidate) => boolean) => candidates.filter(test);
  const add = (list: Candidate[], forms: PackForm[]): Piece[] =>
    list.map((candidate) => ({ kind: "add", candidate, forms }));
  const upgrade = (list: Candidate[], to: PackForm): Piece[] =>
    list.map((candidate) => ({ kind: "upgrade", candidate, to }));
  const byUser = of((c) => c.cause.kind === "by-user").sort(byName);
  const selected = of((c) => c.cause.kind === "selected").sort(byName);
  const ring = (direction: string, near: boolean) =>
    of((c) => c.cause.kind === "ring" && c.direction === direction && (c.distance === 1) === near);
  // What the user asked for comes right after the focus, with its SQL when it fits.
  const userPieces = add(byUser, ["full", "compact"]);
  if (!focusIsModel) {
    const linked = rankNotes(of((c) => c.cause.kind === "ring"));
    return [...userPieces, ...add(linked, ["full", "compact"]), ...add(selected, ["compact"])];
  }
  const parents = rankNotes(ring("upstream", true));
  const children = rankChildren(ring("downstream", true), signal);
  return [
    ...userPieces,
    // Every parent's column names before any parent's descriptions and tests, and those before its SQL.
    ...add(parents, ["columns"]),
    ...upgrade(parents, "compact"),
    ...add(children.slice(0, FIRST_CHILDREN), ["name"]),
    ...upgrade(parents, "full"),
    ...add(macros, ["full"]),
    ...add(children.slice(FIRST_CHILDREN), ["name"]),
    ...add(rankNotes(ring("upstream", false)), ["compact"]),
    ...add(rankChildren(ring("downstream", false), signal), ["name"]),
    ...add(selected, ["compact"]),
  ];
}
