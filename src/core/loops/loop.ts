// The loop model and its lifecycle: proposed -> open -> clarifying -> closed. Agents only propose;
// a human approval opens a loop; closing records when and with what outcome.

import { UserError } from "../errors";
import { cutToBytes, nameText, withoutInvisibles } from "../names";
import { isoSeconds } from "../timestamps";
import { unwrapWikilink, wikilink } from "../wikilinks";

export const LOOP_STATUSES = ["proposed", "open", "clarifying", "closed"] as const;
export type LoopStatus = (typeof LOOP_STATUSES)[number];

/** A loop's priority, as TickTick's none/low/medium/high. */
export const LOOP_PRIORITIES = ["none", "low", "medium", "high"] as const;
export type LoopPriority = (typeof LOOP_PRIORITIES)[number];

export interface Loop {
  id: string;
  status: LoopStatus;
  title: string;
  /** ISO timestamp, kept as written. */
  captured: string;
  /** Daily note name of the session (e.g. "2026-01-21"), without brackets. */
  session?: string;
  /** Model names (note basenames), without brackets. */
  models: string[];
  ticktickId?: string;
  /** ISO timestamp set when the loop was closed. */
  closed?: string;
  /** ISO timestamp set when the loop was clarified (the TickTick sync sets it). */
  clarified?: string;
  /** A day ("2026-01-30") or an ISO time; set in TickTick and brought back by the sync. */
  due?: string;
  priority?: LoopPriority;
  /** The name of the TickTick list the loop's task is in, as the sync last saw it. */
  ticktickList?: string;
  /** ISO timestamp set when a proposal was closed without ever being approved: rejected, not done. */
  rejected?: string;
  context: string;
  question: string;
  outcome: string;
  /** What the user wrote in TickTick: the note's "Clarified in TickTick" section, written by the sync. */
  clarification?: string;
  /** Vault path of the note. */
  path: string;
}

export function isLoopStatus(value: unknown): value is LoopStatus {
  return typeof value === "string" && (LOOP_STATUSES as readonly string[]).includes(value);
}

export function isLoopPriority(value: unknown): value is LoopPriority {
  return typeof value === "string" && (LOOP_PRIORITIES as readonly string[]).includes(value);
}

/**
 * Allowed moves. Nothing goes back to `proposed` (only capture creates proposals); a rejected
 * proposal is closed with its reason (and stamped `rejected`) rather than deleted; a closed loop can
 * be reopened.
 */
const TRANSITIONS: Record<LoopStatus, readonly LoopStatus[]> = {
  proposed: ["open", "closed"],
  open: ["clarifying", "closed"],
  clarifying: ["open", "closed"],
  closed: ["open"],
};

export function allowedTransitions(from: LoopStatus): readonly LoopStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: LoopStatus, to: LoopStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** What a closing records; rendered into the Outcome section. */
export interface LoopOutcome {
  result: string;
  evidence?: string;
  /** A decision id or note name, linked in the note. */
  decision?: string;
}

export function formatOutcome(outcome: LoopOutcome): string {
  const lines = [`Result: ${outcome.result.trim()}`];
  if (outcome.evidence?.trim()) lines.push(`Evidence: ${outcome.evidence.trim()}`);
  const decision = outcome.decision === undefined ? "" : unwrapWikilink(outcome.decision);
  if (decision) lines.push(`Decision: ${wikilink(decision)}`);
  return lines.join("\n");
}

/** Reads an Outcome section back; free text without labels counts as the result. */
export function parseOutcome(text: string): LoopOutcome {
  const pick = (label: string): string | undefined => new RegExp(`^${label}:\\s*(.*)$`, "mi").exec(text)?.[1].trim();
  const result =
    pick("Result") ??
    text
      .split("\n")
      .filter((l) => !/^(Evidence|Decision):/i.test(l))
      .join("\n")
      .trim();
  const out: LoopOutcome = { result };
  const evidence = pick("Evidence");
  if (evidence) out.evidence = evidence;
  const decision = pick("Decision") && unwrapWikilink(pick("Decision")!);
  if (decision) out.decision = decision;
  return out;
}

export type LoopPatch = Partial<
  Pick<
    Loop,
    | "status"
    | "title"
    | "models"
    | "context"
    | "question"
    | "outcome"
    | "ticktickId"
    | "closed"
    | "clarified"
    | "rejected"
    | "session"
    | "due"
    | "priority"
    | "ticktickList"
    | "clarification"
  >
>;

/**
 * The patch that moves `loop` to `to`, or a UserError naming the allowed moves. Closing needs an
 * outcome and stamps `closed` (and `rejected` when the loop was only ever proposed: a rejection is not
 * an achievement); reopening clears both stamps and keeps the old outcome as history.
 */
export function transitionPatch(
  loop: Pick<Loop, "id" | "status">,
  to: LoopStatus,
  now: Date,
  outcome?: LoopOutcome | string,
): LoopPatch {
  if (loop.status === to) return {};
  if (!canTransition(loop.status, to)) {
    const allowed = TRANSITIONS[loop.status].join(", ");
    throw new UserError(
      `${loop.id} cannot go from ${loop.status} to ${to}`,
      { token: to },
      `From ${loop.status} a loop can move to: ${allowed}`,
    );
  }
  if (to === "closed") {
    const text =
      typeof outcome === "string" ? outcome.trim() : outcome && outcome.result.trim() ? formatOutcome(outcome) : "";
    if (!text)
      throw new UserError(
        `Closing ${loop.id} needs an outcome`,
        { token: loop.id },
        "Say what the result was (and the evidence or decision, if any)",
      );
    const at = isoSeconds(now);
    return loop.status === "proposed"
      ? { status: to, closed: at, rejected: at, outcome: text }
      : { status: to, closed: at, outcome: text };
  }
  if (loop.status === "closed") return { status: to, closed: undefined, rejected: undefined };
  return { status: to };
}

/** Closed as done: a closed loop that was not a rejected proposal. */
export function isAchieved(loop: Pick<Loop, "status" | "rejected">): boolean {
  return loop.status === "closed" && !loop.rejected;
}

/**
 * A title made safe for a file name and a wikilink (core/names: no \ / : * ? " < > | # ^ [ ] and no
 * control, bidi or zero-width characters), cut at a word within 80 characters and 100 bytes.
 */
export function sanitizeTitle(title: string): string {
  const cleaned = nameText(title, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  const short = cutToBytes(cleaned.slice(0, 80), 100);
  const cut = short.length < cleaned.length ? short.replace(/\s+\S*$/, "").trim() || short : cleaned;
  return cut.replace(/[.\s]+$/, "") || "Untitled";
}

/** A title as the frontmatter keeps it: one line, no control, bidi or zero-width characters. */
export function cleanTitle(title: string): string {
  return withoutInvisibles(title, " ").replace(/\s+/g, " ").trim();
}

/** "LOOP-007 Validate invoice grain.md" */
export function loopFileName(id: string, title: string): string {
  return `${id} ${sanitizeTitle(title)}.md`;
}
