// The notes a pack could load around its focus, each with why (typed), and the notes it will not
// load with why: rings of lineage (or links) around the focus, the selection, the user's choices.

import { linkTarget } from "../wikilinks";
import type { NoteGraph, NoteNode } from "./note-graph";
import { describeExclusion, type ExclusionCause, type IncludeCause } from "./pack-reasons";
import type { PackExclusion, PackOverride } from "./pack-types";
import { ringsAround, type Direction } from "./rings";
import type { TokenTally } from "./tally";

/** What packs read about loops (the loops area's Loop has these fields). */
export interface LoopMention {
  id: string;
  status: string;
  title: string;
  models: string[];
  path: string;
}

export interface Candidate {
  path: string;
  name: string;
  text: string;
  /** Tokens of the note as it is in the vault: what an excluded note would have cost. */
  noteTokens: number;
  cause: IncludeCause;
  distance: number;
  direction: Direction | "selected";
  /** Edges to the ring closer to the focus: more means more central. */
  links: number;
  /** Open or clarifying loops that mention it. */
  loops: LoopMention[];
  /** The loaded note; absent for a file the graph did not load (not Markdown, over the size limit). */
  node?: NoteNode;
  /** A dbt node note (model, source, seed, snapshot) in a lineage pack: it becomes a model card. */
  lineage: boolean;
}

/** A note left out, worded when it is made: a pack words and sorts its exclusions several times. */
export type Exclusion = PackExclusion;

export function exclusionOf(path: string, tokens: number, cause: ExclusionCause): Exclusion {
  return { path, tokens, cause, reason: describeExclusion(cause) };
}

export interface Gathered {
  focus: Candidate;
  candidates: Candidate[];
  excluded: Exclusion[];
}

export interface GatherOptions {
  depth: number;
  overrides: Map<string, PackOverride>;
  selection: Set<string> | null;
}

export async function gatherCandidates(
  graph: NoteGraph,
  tally: TokenTally,
  focusNote: NoteNode,
  loops: LoopMention[],
  options: GatherOptions,
): Promise<Gathered> {
  const loopsByPath = openLoopsByNote(graph, loops);
  const lineage = graph.isLineageNote(focusNote);
  const make = (
    material: Material,
    member: { path: string; distance: number; direction: Direction | "selected"; links: number },
    cause: IncludeCause,
  ): Candidate =>
    new GatheredCandidate(
      material,
      member,
      cause,
      loopsByPath.get(member.path) ?? [],
      lineage && material.node !== undefined && graph.isLineageNote(material.node),
    );
  const focus = make(graphMaterial(graph, tally, focusNote.path), focusMember(focusNote.path), { kind: "focus" });
  const members = ringsAround(graph, focusNote);
  const reachable = new Set(members.map((m) => m.path));
  const { overrides, selection, depth } = options;
  const extra = [
    ...new Set([
      ...(selection ?? []),
      ...[...overrides.values()].filter((o) => o.action === "include").map((o) => o.path),
    ]),
  ]
    .filter((p) => p !== focusNote.path && !reachable.has(p))
    .sort()
    .map((path) => ({ path, distance: depth + 1, direction: "selected" as const, links: 0 }));

  const candidates: Candidate[] = [];
  const excluded: Exclusion[] = [];
  for (const member of [...members, ...extra]) {
    const material = graph.notes.has(member.path)
      ? graphMaterial(graph, tally, member.path)
      : await readMaterial(tally, member.path);
    if ("skipped" in material) {
      excluded.push(exclusionOf(member.path, 0, { kind: "skipped", why: material.skipped }));
      continue;
    }
    const override = overrides.get(member.path);
    const exclude = (cause: ExclusionCause) => excluded.push(exclusionOf(member.path, material.noteTokens, cause));
    if (override?.action === "exclude") exclude({ kind: "by-user", note: override.reason });
    else if (override?.action === "include")
      candidates.push(make(material, member, { kind: "by-user", note: override.reason }));
    else if (selection && !selection.has(member.path)) exclude({ kind: "outside-selection" });
    else if (member.direction === "selected") candidates.push(make(material, member, { kind: "selected" }));
    else if (member.distance > depth) exclude({ kind: "beyond-depth", direction: member.direction, depth });
    else
      candidates.push(make(material, member, { kind: "ring", direction: member.direction, distance: member.distance }));
  }
  return { focus, candidates, excluded };
}

function focusMember(path: string) {
  return { path, distance: 0, direction: "selected" as const, links: 0 };
}

/** A note's name and size; its text is the graph node's, or the text read for a file the graph did not load. */
type Material = { name: string; noteTokens: number; node?: NoteNode; text?: string };

/**
 * A candidate whose text is read on first use: around a big model most children appear by name only.
 * A class, not a literal with a property defined on it: a cold pack makes thousands of them.
 */
class GatheredCandidate implements Candidate {
  readonly path: string;
  readonly name: string;
  readonly noteTokens: number;
  readonly distance: number;
  readonly direction: Direction | "selected";
  readonly links: number;
  readonly node?: NoteNode;
  private readonly ownText?: string;

  constructor(
    material: Material,
    member: { path: string; distance: number; direction: Direction | "selected"; links: number },
    readonly cause: IncludeCause,
    readonly loops: LoopMention[],
    readonly lineage: boolean,
  ) {
    this.path = member.path;
    this.name = material.name;
    this.noteTokens = material.noteTokens;
    this.distance = member.distance;
    this.direction = member.direction;
    this.links = member.links;
    if (material.node) this.node = material.node;
    else this.ownText = material.text;
  }

  get text(): string {
    return this.node ? this.node.text : (this.ownText ?? "");
  }
}

function graphMaterial(graph: NoteGraph, tally: TokenTally, path: string): Material {
  const note = graph.notes.get(path) as NoteNode;
  // A note whose stat the token cache knows is counted without reading it: around a big model most
  // children appear by name only, and a note's text is read when a form needs it. The graph's stat was
  // taken before the text was read, so the count is remembered with it for the next cold call.
  const known = note.stat && tally.cache.lookupStat(path, note.stat);
  const noteTokens = known ?? tally.countFileText(path, note.text, note.stat);
  return { name: note.name, noteTokens, node: note };
}

/** A file the graph did not load (not Markdown, or over the size limit). */
async function readMaterial(tally: TokenTally, path: string): Promise<Material | { skipped: string }> {
  const read = await tally.readFile(path);
  if ("skipped" in read) return { skipped: read.skipped };
  return { name: path.slice(path.lastIndexOf("/") + 1), text: read.text, noteTokens: read.tokens };
}

/** Open (or clarifying) loops per note they mention, through `models:` or links in the loop note. */
function openLoopsByNote(graph: NoteGraph, loops: LoopMention[]): Map<string, LoopMention[]> {
  const byNote = new Map<string, LoopMention[]>();
  for (const loop of loops) {
    if (loop.status !== "open" && loop.status !== "clarifying") continue;
    const mentioned = new Set<string>(graph.notes.get(loop.path)?.links ?? []);
    for (const model of loop.models) {
      const path = graph.resolve(linkTarget(model), loop.path);
      if (path) mentioned.add(path);
    }
    for (const path of mentioned) byNote.set(path, [...(byNote.get(path) ?? []), loop]);
  }
  return byNote;
}
