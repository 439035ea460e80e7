// Field-level three-way merge of a loop and its task against the last agreed snapshot. Each side is
// compared with its own base, so a change is noticed where it happened. Conflict policy (stated in
// the sync report and README): local wins for the question text (content); remote wins for title,
// status/completion, due date, priority and list, since clarifying in TickTick is the point.
// The losing side's value is reported, and remote content is always kept in the note.

import type { SyncFields } from "./mapping";
import { userText } from "./mapping";

export type Field = keyof SyncFields;
export const FIELDS: Field[] = ["title", "status", "content", "due", "priority", "list"];

export const CONFLICT_POLICY: Record<Field, "local" | "remote"> = {
  title: "remote",
  status: "remote",
  content: "local",
  due: "remote",
  priority: "remote",
  list: "remote",
};

/** Fields TickTick cannot change through an update (a move needs the user in TickTick). */
const REMOTE_ONLY: Field[] = ["list"];

export interface FieldConflict {
  field: Field;
  local: string;
  remote: string;
  kept: "local" | "remote";
}

export interface MergeResult {
  /** Values to send to TickTick. */
  push: Partial<SyncFields>;
  /** Values to write into the loop note. */
  pull: Partial<SyncFields>;
  conflicts: FieldConflict[];
}

export interface MergeBase {
  local: SyncFields;
  remote: SyncFields;
}

/** Content is compared without the generated link and marker lines (a renamed note moves the link). */
function equal(field: Field, a: string, b: string): boolean {
  return field === "content" ? userText(a) === userText(b) : a === b;
}

function same(field: Field, local: SyncFields, remote: SyncFields): boolean {
  return equal(field, local[field], remote[field]);
}

/** `base` undefined is first contact (an adopted task): differences follow the policy, unreported. */
export function mergeFields(base: MergeBase | undefined, local: SyncFields, remote: SyncFields): MergeResult {
  const result: MergeResult = { push: {}, pull: {}, conflicts: [] };
  for (const field of FIELDS) {
    const localChanged = base ? !equal(field, local[field], base.local[field]) : true;
    const remoteChanged = base ? !equal(field, remote[field], base.remote[field]) : true;
    if (!localChanged && !remoteChanged) continue;
    let winner: "local" | "remote";
    if (localChanged && remoteChanged) {
      if (same(field, local, remote)) continue;
      winner = CONFLICT_POLICY[field];
      if (base) result.conflicts.push({ field, local: local[field], remote: remote[field], kept: winner });
    } else {
      winner = localChanged ? "local" : "remote";
    }
    if (winner === "local" && REMOTE_ONLY.includes(field)) continue;
    if (winner === "local") {
      (result.push as Record<Field, string>)[field] = local[field];
      // The remote text is never dropped: it goes into the note beside the local question.
      if (field === "content" && remoteChanged && userText(remote.content) !== "") result.pull.content = remote.content;
    } else {
      (result.pull as Record<Field, string>)[field] = remote[field];
    }
  }
  return result;
}
