// Why a note is in a pack, or not: typed causes, and the one place that words them for people and
// agents (the pack header, the decision record, `pack --json`'s reason strings).

import { formatTokens } from "./budget";
import type { Direction } from "./rings";

export type IncludeCause =
  | { kind: "focus" }
  | { kind: "ring"; direction: Direction; distance: number }
  | { kind: "selected" }
  | { kind: "by-user"; note: string }
  | { kind: "macro"; calledBy: string };

export type ExclusionCause =
  | { kind: "beyond-depth"; direction: Direction; depth: number }
  /** `asName`: it would only have been named (a child in the focus card), so its note's size is beside the point. */
  | { kind: "over-budget"; wanted: IncludeCause; asName?: boolean }
  | { kind: "outside-selection" }
  | { kind: "skipped"; why: string }
  | { kind: "by-user"; note: string };

export function describeInclude(cause: IncludeCause): string {
  switch (cause.kind) {
    case "focus":
      return "focus";
    case "ring":
      if (cause.distance > 1) return `${cause.direction} at depth ${cause.distance}`;
      return cause.direction === "upstream"
        ? "direct parents"
        : cause.direction === "downstream"
          ? "direct children"
          : "linked notes";
    case "selected":
      return "selected, not linked to the focus";
    case "by-user":
      return `included by you: ${cause.note}`;
    case "macro":
      return `macro called by ${cause.calledBy}`;
  }
}

export function describeExclusion(cause: ExclusionCause): string {
  switch (cause.kind) {
    case "beyond-depth":
      return `${cause.direction} beyond depth ${cause.depth}`;
    case "over-budget":
      return `${describeInclude(cause.wanted)}, over budget`;
    case "outside-selection":
      return "outside the selection";
    case "skipped":
      return `skipped: ${cause.why}`;
    case "by-user":
      return `excluded by you: ${cause.note}`;
  }
}

/** One sentence on why a group of notes was left out. */
export function exclusionRationale(cause: ExclusionCause, budget: number): string {
  switch (cause.kind) {
    case "beyond-depth":
      return "Further from the focus than this pack reaches; Expand context adds the next ring.";
    case "over-budget":
      return `Did not fit in the ${formatTokens(budget)}-token budget after closer, more relevant notes.`;
    case "outside-selection":
      return "Not matched by the selector.";
    case "skipped":
      return "Not text that can be counted (binary, image, PDF or too large).";
    case "by-user":
      return "Excluded by the user for this task.";
  }
}
