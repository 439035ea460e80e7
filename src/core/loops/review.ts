// What a reviewer must see about each captured proposal before approving it: what the parser found
// wrong in its block (unclosed tags, stray text), a missing title or question, and an id the vault
// already uses (the loop is saved under the next free id instead). Only whole proposals are offered
// pre-approved.

import { parseId } from "../protocol";
import type { CaptureProblem, LoopProposal } from "./agent-loops";
import type { PreparedCapture } from "./capture";

export interface ProposalReview {
  proposal: LoopProposal;
  /** What is wrong with the proposal as written; a malformed proposal is never pre-approved. */
  malformed: string[];
  /** What happens to the agent's id, when the vault or this reply already uses it. */
  clash: string | null;
}

export interface CaptureReview {
  items: ProposalReview[];
  /** Problems outside any kept proposal (a block skipped as empty, text before the first loop). */
  general: CaptureProblem[];
}

export interface KnownLoops {
  /** The number the next issued LOOP id gets: an agent's id below it is taken. */
  nextNumber: number;
  /** Titles of the loops in the vault by id, to say which loop an agent's id clashes with. */
  titles: ReadonlyMap<string, string>;
}

// The parser words an id it dropped as "... a new id will be issued" or "... this one gets a new id".
const ID_PROBLEM = /new id/;
const SKIPPED = /; skipped$/;

/** Attaches each problem to the proposal whose block it falls in, and flags missing parts and taken ids. */
export function reviewCapture(prepared: PreparedCapture, known: KnownLoops): CaptureReview {
  const items: ProposalReview[] = prepared.proposals.map((proposal) => ({ proposal, malformed: [], clash: null }));
  const general: CaptureProblem[] = [];
  const byLine = [...items].sort((a, b) => a.proposal.line - b.proposal.line);
  for (const problem of prepared.problems) {
    const owner = SKIPPED.test(problem.message)
      ? undefined
      : byLine.filter((item) => item.proposal.line <= problem.line).pop();
    if (!owner) general.push(problem);
    else if (ID_PROBLEM.test(problem.message)) owner.clash = capitalize(problem.message);
    else owner.malformed.push(`Line ${problem.line}: ${problem.message}`);
  }
  for (const item of items) {
    const { proposal } = item;
    if (!proposal.question.trim()) item.malformed.push("No question: the agent did not say what needs answering");
    const number = proposal.id ? (parseId(proposal.id)?.n ?? Infinity) : Infinity;
    if (proposal.id && number < known.nextNumber) {
      const title = known.titles.get(proposal.id);
      item.clash = `${proposal.id} is taken in the vault${title ? ` by "${title}"` : ""}: this loop gets the next free id`;
    }
  }
  return { items, general };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
