// Loops in the vault: list them (unreadable notes reported, never rewritten), create them with fresh
// ids from the protocol register, and edit them atomically through vault.process.

import { UserError } from "../errors";
import { parseNote } from "../frontmatter";
import type { Clock } from "../ports";
import { claimId, issueIds, parseId } from "../protocol";
import type { DecpSettings } from "../settings";
import { basename, joinVaultPath, type VaultPort } from "../vault";
import { applyPlan, emptyPlan, planWrite } from "../write-plan";
import { isoSeconds } from "../timestamps";
import {
  cleanTitle,
  loopFileName,
  transitionPatch,
  type Loop,
  type LoopOutcome,
  type LoopPatch,
  type LoopStatus,
} from "./loop";
import { applyLoopPatch, parseLoopNote, renderLoopNote } from "./loop-note";

export interface UnreadableLoop {
  path: string;
  error: string;
}

export interface LoopListing {
  loops: Loop[];
  unreadable: UnreadableLoop[];
}

function idNumber(id: string): number {
  return parseId(id)?.n ?? Number.MAX_SAFE_INTEGER;
}

/** Every loop note in the loops folder, sorted by id. Notes of another `type` are ignored. */
export async function listLoops(vault: VaultPort, settings: DecpSettings): Promise<LoopListing> {
  const paths = (await vault.list(settings.loopsFolder)).filter((p) => p.endsWith(".md"));
  const entries = [];
  for (const path of paths) entries.push(loopFromNote(await vault.read(path), path));
  return loopListing(entries);
}

/** One note of the loops folder: its loop, why it cannot be read, or null for a note of another `type`. */
export function loopFromNote(text: string, path: string): Loop | UnreadableLoop | null {
  try {
    const type = parseNote(text, path).frontmatter.type;
    if (type !== undefined && type !== "loop") return null;
    return parseLoopNote(text, path);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { path, error: error.describe() };
  }
}

/** Notes read one by one (loopFromNote) as a listing: loops sorted by id, then the unreadable ones. */
export function loopListing(entries: Iterable<Loop | UnreadableLoop | null>): LoopListing {
  const loops: Loop[] = [];
  const unreadable: UnreadableLoop[] = [];
  for (const entry of entries) {
    if (entry === null) continue;
    if ("error" in entry) unreadable.push(entry);
    else loops.push(entry);
  }
  loops.sort((a, b) => idNumber(a.id) - idNumber(b.id) || a.path.localeCompare(b.path));
  unreadable.sort((a, b) => a.path.localeCompare(b.path));
  return { loops, unreadable };
}

/** What capture or a user supplies for a new loop; ids and timestamps are filled in on creation. */
export interface LoopDraft {
  id?: string;
  title: string;
  context?: string;
  question?: string;
  models?: string[];
  captured?: string;
  session?: string;
}

export interface Renumbered {
  from: string;
  to: string;
  reason: string;
}

export interface CreatedLoops {
  created: Loop[];
  renumbered: Renumbered[];
}

/**
 * Creates loop notes. Every id is reserved across processes (core/protocol/ids): a draft keeps the
 * id its agent chose only when claimId honours it (six digits, above everything issued, free); taken,
 * repeated or absurd ids are renumbered and reported.
 */
export async function createLoops(
  vault: VaultPort,
  settings: DecpSettings,
  drafts: LoopDraft[],
  options: { clock: Clock; status: Extract<LoopStatus, "proposed" | "open"> },
): Promise<CreatedLoops> {
  if (drafts.length === 0) return { created: [], renumbered: [] };
  const kept = new Set<string>();
  const decided: { draft: LoopDraft; id?: string; reason: string }[] = [];
  for (const draft of drafts) {
    const wanted = draft.id?.trim().toUpperCase();
    if (!wanted) decided.push({ draft, reason: "" });
    else if (kept.has(wanted)) decided.push({ draft, reason: "used twice in this capture" });
    else {
      const claim = await claimId(vault, settings.protocolFolder, "LOOP", wanted);
      if ("id" in claim) kept.add(claim.id);
      decided.push("id" in claim ? { draft, id: claim.id, reason: "" } : { draft, reason: claim.reason });
    }
  }
  const fresh = await issueIds(vault, settings.protocolFolder, "LOOP", decided.filter((d) => !d.id).length, kept);
  const renumbered: Renumbered[] = [];
  const now = isoSeconds(options.clock.now());
  const plan = emptyPlan();
  const created: Loop[] = [];
  for (const d of decided) {
    const id = d.id ?? fresh.shift()!;
    if (!d.id && d.draft.id) renumbered.push({ from: d.draft.id, to: id, reason: d.reason });
    const path = joinVaultPath(settings.loopsFolder, loopFileName(id, d.draft.title));
    const loop: Loop = {
      id,
      status: options.status,
      title: cleanTitle(d.draft.title),
      captured: d.draft.captured?.trim() || now,
      models: [...new Set(d.draft.models ?? [])],
      context: d.draft.context?.trim() ?? "",
      question: d.draft.question?.trim() ?? "",
      outcome: "",
      path,
    };
    if (d.draft.session) loop.session = d.draft.session;
    planWrite(plan, path, renderLoopNote(loop), options.status === "open" ? "approved loop" : "proposed loop");
    created.push(loop);
  }
  await applyPlan(vault, plan);
  return { created, renumbered };
}

/**
 * Patches one loop note atomically; the note's other content is kept. A function patch is computed
 * from the loop as it is inside vault.process (e.g. adding a model without losing a racing edit).
 */
export async function updateLoop(
  vault: VaultPort,
  path: string,
  patch: LoopPatch | ((loop: Loop) => LoopPatch),
): Promise<Loop> {
  const text = await vault.process(path, (current) =>
    applyLoopPatch(current, typeof patch === "function" ? patch(parseLoopNote(current, path)) : patch, path),
  );
  return parseLoopNote(text, path);
}

/** Adds a model link to a loop (frontmatter and body), atomically. */
export function linkLoopToModel(vault: VaultPort, path: string, model: string): Promise<Loop> {
  return updateLoop(vault, path, (loop) => (loop.models.includes(model) ? {} : { models: [...loop.models, model] }));
}

/** Moves a loop to `to`, checking the lifecycle against the note as it is at write time. */
export async function changeLoopStatus(
  vault: VaultPort,
  path: string,
  to: LoopStatus,
  options: { clock: Clock; outcome?: LoopOutcome | string },
): Promise<Loop> {
  const text = await vault.process(path, (current) => {
    const loop = parseLoopNote(current, path);
    const patch = transitionPatch(loop, to, options.clock.now(), options.outcome);
    return Object.keys(patch).length ? applyLoopPatch(current, patch, path) : current;
  });
  return parseLoopNote(text, path);
}

/** Finds loops by id ("LOOP-7", "loop-007") or exact title (case-insensitive); unknown refs are a UserError. */
export function findLoops(loops: Loop[], refs: string[]): Loop[] {
  const missing: string[] = [];
  const found = refs.map((ref) => {
    const number = /^\s*loop-(\d+)\s*$/i.exec(ref);
    const hit = number
      ? loops.find((l) => parseId(l.id)?.n === Number(number[1]))
      : loops.find(
          (l) =>
            l.title.toLowerCase() === ref.trim().toLowerCase() ||
            basename(l.path).toLowerCase() === ref.trim().toLowerCase(),
        );
    if (!hit) missing.push(ref);
    return hit;
  });
  if (missing.length) {
    throw new UserError(
      `No loop matches ${missing.map((m) => JSON.stringify(m)).join(", ")}`,
      { token: missing[0] },
      "Pass a loop id (LOOP-007) or its exact title; `decp loops <vault>` lists them",
    );
  }
  return found as Loop[];
}

/** What a reviewer may correct in a proposal before approving it. */
export type ProposalEdits = Pick<LoopPatch, "title" | "question" | "models">;

/** The outcome a rejected proposal is closed with: kept as history, never deleted. */
export const REJECTED_OUTCOME = "Rejected in review";

/**
 * Approves one proposal (proposed -> open) with the reviewer's corrections, in one atomic edit. A loop
 * someone approved meanwhile just takes the corrections.
 */
export async function approveLoop(
  vault: VaultPort,
  path: string,
  clock: Clock,
  edits: ProposalEdits = {},
): Promise<Loop> {
  const text = await vault.process(path, (current) => {
    const loop = parseLoopNote(current, path);
    return applyLoopPatch(current, { ...edits, ...transitionPatch(loop, "open", clock.now()) }, path);
  });
  return parseLoopNote(text, path);
}

/** Rejects a proposal: it is closed with the reason, never deleted. */
export function rejectLoop(vault: VaultPort, path: string, clock: Clock, reason = REJECTED_OUTCOME): Promise<Loop> {
  return changeLoopStatus(vault, path, "closed", { clock, outcome: reason });
}

/** Approves proposed loops (proposed -> open). All refs are resolved before any note changes. */
export async function approveLoops(
  vault: VaultPort,
  settings: DecpSettings,
  refs: string[],
  clock: Clock,
): Promise<Loop[]> {
  const { loops } = await listLoops(vault, settings);
  const targets = findLoops(loops, refs);
  const notProposed = targets.filter((l) => l.status !== "proposed");
  if (notProposed.length) {
    throw new UserError(
      `${notProposed.map((l) => `${l.id} is ${l.status}`).join(", ")}, not proposed`,
      { token: notProposed[0].id },
      "Only proposed loops can be approved; use the status command for other moves",
    );
  }
  const approved: Loop[] = [];
  for (const loop of targets) approved.push(await approveLoop(vault, loop.path, clock));
  return approved;
}
