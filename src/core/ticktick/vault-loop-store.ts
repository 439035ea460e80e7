// LoopStore over real loop notes, entirely through the loops API (listLoops, createLoops, updateLoop):
// the loop note format owns every field the sync reads or writes, TickTick's due date, priority,
// list and clarified text included.

import { createLoops, listLoops, updateLoop, type LoopPatch } from "../loops";
import type { Clock } from "../ports";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import type { LocalChange, LoopStore, NewLoop } from "./loop-store";
import type { SyncLoop } from "./mapping";

export function vaultLoopStore(vault: VaultPort, settings: DecpSettings, clock: Clock): LoopStore {
  return {
    async list() {
      const { loops, unreadable } = await listLoops(vault, settings);
      const synced = loops.map((loop): SyncLoop => ({
        id: loop.id,
        status: loop.status,
        title: loop.title,
        context: loop.context,
        question: loop.question,
        path: loop.path,
        ticktickId: loop.ticktickId,
        due: loop.due,
        priority: loop.priority,
        ...(loop.rejected ? { rejected: true } : {}),
      }));
      return { loops: synced, unreadable };
    },

    async apply(loop: SyncLoop, change: LocalChange) {
      const patch = loopPatch(change);
      if (Object.keys(patch).length > 0) await updateLoop(vault, loop.path, patch);
    },

    async create(draft: NewLoop) {
      const { created } = await createLoops(
        vault,
        settings,
        [{ title: draft.title, question: draft.question, context: draft.context, captured: draft.captured }],
        { clock, status: "open" },
      );
      const loop = created[0];
      const synced: SyncLoop = {
        id: loop.id,
        status: "open",
        title: loop.title,
        context: loop.context,
        question: loop.question,
        path: loop.path,
      };
      await this.apply(synced, {
        ticktickId: draft.ticktickId,
        due: draft.due,
        priority: draft.priority,
        list: draft.list,
      });
      return { ...synced, ticktickId: draft.ticktickId, due: draft.due || undefined, priority: draft.priority };
    },
  };
}

/** A sync change as a loop patch: an empty due or list, or priority "none", removes the key. */
export function loopPatch(change: LocalChange): LoopPatch {
  const patch: LoopPatch = {};
  if (change.title !== undefined) patch.title = change.title;
  if (change.status !== undefined) patch.status = change.status;
  if (change.status !== undefined && change.status !== "closed") patch.closed = undefined;
  if (change.closed !== undefined) patch.closed = change.closed;
  if (change.clarified !== undefined) patch.clarified = change.clarified;
  if (change.ticktickId !== undefined) patch.ticktickId = change.ticktickId;
  if (change.due !== undefined) patch.due = change.due || undefined;
  if (change.priority !== undefined) patch.priority = change.priority === "none" ? undefined : change.priority;
  if (change.list !== undefined) patch.ticktickList = change.list || undefined;
  if (change.clarifiedText !== undefined) patch.clarification = change.clarifiedText;
  return patch;
}
