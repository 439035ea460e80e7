// The sync engine: reads TickTick once, merges every approved loop with its task against the last
// agreed snapshot, exports new loops, imports new tasks, and records writes in a persisted outbox
// first. Creates are never blindly retried (marker lookup first); deletion is never inferred.

import type { Clock } from "../ports";
import { isoSeconds } from "../timestamps";
import type { TickTickSettings } from "../settings";
import { TickTickAuthError, UnknownOutcomeError, type TickTickClient } from "./client";
import type { LocalChange, LoopStore } from "./loop-store";
import {
  importedContext,
  isImportCandidate,
  localFields,
  markerLine,
  markerOf,
  remoteFields,
  taskTitle,
  userText,
  type SyncFields,
  type SyncLoop,
} from "./mapping";
import { mergeFields } from "./merge";
import { addTask, listName, readRemoteView, type RemoteView } from "./remote-view";
import type { SyncReport, SyncStatePort } from "./state";
import { SyncLedger } from "./sync-ledger";
import { newTaskDraft, noteChange, taskWithPush } from "./task-writes";
import type { TickTickTask } from "./types";

export interface SyncDeps {
  client: TickTickClient;
  loops: LoopStore;
  state: SyncStatePort;
  clock: Clock;
  settings: TickTickSettings;
  vaultName: string;
}

export interface SyncOptions {
  dryRun?: boolean;
  onProgress?: (message: string) => void;
}

export async function syncLoops(deps: SyncDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const run = new SyncRun(deps, options);
  return run.execute();
}

class SyncRun {
  private ledger!: SyncLedger;
  private view!: RemoteView;
  private readonly report: SyncReport;
  private readonly dryRun: boolean;

  constructor(
    private readonly deps: SyncDeps,
    private readonly options: SyncOptions,
  ) {
    this.dryRun = options.dryRun ?? false;
    this.report = {
      at: isoSeconds(deps.clock.now()),
      dryRun: this.dryRun,
      created: 0,
      updated: 0,
      imported: 0,
      clarified: 0,
      conflicts: [],
      errors: [],
      skipped: [],
      actions: [],
      pending: 0,
      authRequired: false,
    };
  }

  async execute(): Promise<SyncReport> {
    this.ledger = new SyncLedger(await this.deps.state.load(), this.deps.state, this.deps.clock, this.dryRun);
    try {
      this.progress("Reading TickTick");
      this.view = await readRemoteView(this.deps.client);
      for (const marker of this.view.duplicates)
        this.report.errors.push(
          `More than one TickTick task carries decp:${marker}; the first is used, nothing was deleted`,
        );
      const { loops, unreadable } = await this.deps.loops.list();
      for (const u of unreadable)
        this.report.skipped.push(`${u.path}: unreadable (${u.error}); left alone on both sides`);
      const known = new Set(loops.map((l) => l.id));
      for (const loopId of Object.keys(this.ledger.state.snapshots)) {
        if (!known.has(loopId)) this.report.skipped.push(`${loopId}: note not found; its TickTick task is left alone`);
      }
      // Proposals wait for a human; a rejected proposal is not a task anyone completed.
      const exportable = loops.filter((l) => l.status !== "proposed" && !l.rejected);
      for (const [index, loop] of exportable.entries()) {
        this.progress(`Syncing ${loop.id} (${index + 1}/${exportable.length})`);
        await this.guard(loop.id, () => this.syncLoop(loop));
      }
      await this.importNewTasks(loops);
    } catch (error) {
      if (error instanceof TickTickAuthError) {
        this.report.authRequired = true;
        this.report.errors.push(error.describe());
      } else {
        this.report.errors.push(`Sync stopped: ${(error as Error).message}; nothing was lost, run it again`);
      }
    }
    this.report.pending = this.ledger.state.outbox.length;
    if (!this.dryRun) {
      this.ledger.state.lastReport = this.report;
      await this.ledger.save();
    }
    return this.report;
  }

  /** Errors on one loop are reported and the sync goes on; a 401 stops everything. */
  private async guard(loopId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof TickTickAuthError) throw error;
      this.report.errors.push(`${loopId}: ${(error as Error).message}`);
    }
  }

  private async syncLoop(loop: SyncLoop): Promise<void> {
    const snapshot = this.ledger.snapshot(loop.id);
    const taskId = snapshot?.taskId ?? loop.ticktickId ?? this.view.byMarker.get(loop.id)?.id;
    if (!taskId) return this.createTask(loop);
    let task = this.view.byId.get(taskId) ?? this.view.byMarker.get(loop.id);
    if (!task && snapshot) task = (await this.deps.client.getTask(snapshot.projectId, taskId)) ?? undefined;
    if (!task) {
      this.report.skipped.push(`${loop.id}: TickTick task ${taskId} not found; nothing deleted on either side`);
      return;
    }
    await this.mergeLoop(loop, task);
  }

  private async mergeLoop(loop: SyncLoop, task: TickTickTask): Promise<void> {
    const snapshot = this.ledger.snapshot(loop.id);
    const local = localFields(
      loop,
      this.deps.vaultName,
      snapshot?.local.list ?? remoteFields(task, loop.id, this.deps.settings).list,
    );
    const remote = remoteFields(task, loop.id, this.deps.settings);
    const merge = mergeFields(snapshot?.taskId === task.id ? snapshot : undefined, local, remote);
    for (const conflict of merge.conflicts) this.report.conflicts.push({ loopId: loop.id, ...conflict });
    let agreedRemote: SyncFields = { ...remote };
    let current = task;
    if (Object.keys(merge.pull).length > 0 || loop.ticktickId !== task.id) {
      const change = noteChange(merge.pull, task, {
        agreedContent: snapshot?.remote.content ?? local.content,
        now: isoSeconds(this.deps.clock.now()),
        listName: (list) => listName(this.view, list),
      });
      if (loop.ticktickId !== task.id) change.ticktickId = task.id;
      await this.applyLocal(loop, change, Object.keys(merge.pull).length > 0);
    }
    // An update cannot move a task between lists, so "waiting for" as a list is the user's move.
    // A linked task without our marker (a marking update that failed, or the user removed the line)
    // gets it back, so a lost mapping can still find it and it is never imported twice.
    if (markerOf(task) !== loop.id && merge.push.content === undefined) {
      merge.push.title = merge.pull.title ?? remote.title;
      merge.push.content = `${remote.content.trim()}\n\n${markerLine(loop.id)}`.trim();
    }
    if (merge.push.status === "clarifying" && this.deps.settings.waitingMode === "list") {
      delete merge.push.status;
      this.report.skipped.push(`${loop.id}: now clarifying; move its task to the waiting-for list in TickTick`);
    }
    // Completion goes through its own endpoint, after any other field update.
    const { status: pushStatus, ...fields } = merge.push;
    const update = pushStatus && pushStatus !== "closed" ? { ...fields, status: pushStatus } : fields;
    if (Object.keys(update).length > 0) current = await this.pushUpdate(loop, current, update);
    if (pushStatus === "closed") await this.complete(loop, current);
    agreedRemote = { ...agreedRemote, ...merge.push };
    const agreedLocal: SyncFields = { ...local, ...merge.pull, content: local.content, list: agreedRemote.list };
    this.ledger.remember(loop.id, current, agreedLocal, agreedRemote);
    await this.ledger.settle(loop.id);
  }

  private async applyLocal(loop: SyncLoop, change: LocalChange, clarified: boolean): Promise<void> {
    if (!clarified) delete change.clarified;
    const fields = Object.keys(change).filter((k) => k !== "clarified" && k !== "ticktickId");
    this.report.actions.push(
      `${clarified ? "Clarify" : "Link"} ${loop.id}${fields.length ? ` (${fields.join(", ")})` : ""} from TickTick`,
    );
    if (clarified) this.report.clarified++;
    if (this.dryRun) return;
    await this.deps.loops.apply(loop, change);
  }

  /** Full-object update; an empty 200 means the projectId was stale: re-read and try once more. */
  private async pushUpdate(loop: SyncLoop, task: TickTickTask, push: Partial<SyncFields>): Promise<TickTickTask> {
    this.report.actions.push(`Update TickTick task for ${loop.id} (${Object.keys(push).join(", ")})`);
    if (this.dryRun) return task;
    await this.ledger.enqueue({ kind: "update", key: loop.id });
    let base = task;
    for (let attempt = 0; attempt < 2; attempt++) {
      const updated = await this.deps.client.updateTask(taskWithPush(loop, base, push, this.deps.settings));
      if (updated) {
        await this.ledger.dequeue("update", loop.id);
        this.report.updated++;
        return updated;
      }
      const fresh = await this.findTask(base);
      if (!fresh) break;
      base = fresh;
    }
    throw new Error(
      `TickTick did not apply the update (the task moved or vanished); it will be retried on the next sync`,
    );
  }

  /** Looks a task up again when its list may have changed under us. */
  private async findTask(task: TickTickTask): Promise<TickTickTask | null> {
    const direct = await this.deps.client.getTask(task.projectId, task.id);
    if (direct) return direct;
    this.view = await readRemoteView(this.deps.client);
    return this.view.byId.get(task.id) ?? null;
  }

  private async complete(loop: SyncLoop, task: TickTickTask): Promise<void> {
    this.report.actions.push(`Complete TickTick task for ${loop.id}`);
    if (this.dryRun || task.status === 2) return;
    await this.ledger.enqueue({ kind: "complete", key: loop.id });
    await this.deps.client.completeTask(task.projectId, task.id);
    await this.ledger.dequeue("complete", loop.id);
    this.report.updated++;
  }

  /** Export. The outbox entry is saved before the request, so a crash leaves a trace to resolve. */
  private async createTask(loop: SyncLoop): Promise<void> {
    this.report.actions.push(`Create TickTick task for ${loop.id}`);
    if (this.dryRun) return;
    await this.ledger.enqueue({ kind: "create", key: loop.id });
    const draft = newTaskDraft(loop, this.deps.settings, this.deps.vaultName);
    let task: TickTickTask | undefined;
    for (let attempt = 0; attempt < 2 && !task; attempt++) {
      try {
        task = await this.deps.client.createTask(draft);
        this.report.created++;
      } catch (error) {
        if (!(error instanceof UnknownOutcomeError)) throw error;
        await this.ledger.markUnknown("create", loop.id, error.message);
        // Look before creating again: the server may have applied it.
        task = (await this.deps.client.projectTasks(draft.projectId)).find((t) => markerOf(t) === loop.id);
        if (task) this.report.created++;
      }
    }
    if (!task)
      throw new Error("TickTick did not confirm the new task; the next sync looks for it before creating it again");
    addTask(this.view, task);
    await this.deps.loops.apply(loop, { ticktickId: task.id });
    const local = localFields(loop, this.deps.vaultName, draft.projectId);
    const remote = { ...remoteFields(task, loop.id, this.deps.settings), content: task.content ?? draft.content ?? "" };
    // Agreed as created (a task is born open): if the completion below fails, the next sync still
    // sees the local close as a change to push, instead of first contact where TickTick's "open" wins.
    this.ledger.remember(loop.id, task, { ...local, status: remote.status }, remote);
    await this.ledger.dequeue("create", loop.id);
    if (loop.status === "closed") {
      await this.deps.client.completeTask(task.projectId, task.id);
      this.ledger.remember(loop.id, task, local, { ...remote, status: "closed" });
      await this.ledger.save();
    }
  }

  /** Tasks the user made in TickTick (import list or tag) become new open loops. */
  private async importNewTasks(loops: SyncLoop[]): Promise<void> {
    const linked = new Set([
      ...loops.map((l) => l.ticktickId),
      ...Object.values(this.ledger.state.snapshots).map((s) => s.taskId),
    ]);
    for (const task of [...this.view.all]) {
      if (linked.has(task.id)) await this.ledger.settle(task.id);
      if (linked.has(task.id) || !isImportCandidate(task, this.deps.settings)) continue;
      this.report.actions.push(`Import TickTick task "${task.title}" as a new loop`);
      if (this.dryRun) continue;
      await this.guard(`task ${task.id}`, () => this.importTask(task, loops));
    }
  }

  private async importTask(task: TickTickTask, loops: SyncLoop[]): Promise<void> {
    await this.ledger.enqueue({ kind: "import", key: task.id });
    const remote = remoteFields(task, "", this.deps.settings);
    // A crash after the note was written but before it was linked left the task id in its context.
    let loop = loops.find((l) => !l.ticktickId && l.context.includes(`ticktick:${task.id}`));
    if (loop) {
      await this.deps.loops.apply(loop, { ticktickId: task.id });
    } else {
      loop = await this.deps.loops.create({
        title: remote.title,
        question: userText(task.content ?? "") || remote.title,
        context: importedContext(task.id, listName(this.view, remote.list)),
        ticktickId: task.id,
        captured: isoSeconds(this.deps.clock.now()),
        due: remote.due || undefined,
        priority: remote.priority,
        list: listName(this.view, remote.list),
      });
    }
    this.report.imported++;
    // Agreed before the marking update: if that fails, the next sync merges against this snapshot
    // (a local close made meanwhile is pushed) instead of first contact, where TickTick's "open" wins.
    this.ledger.remember(
      loop.id,
      task,
      localFields({ ...loop, status: "open" }, this.deps.vaultName, remote.list),
      remoteFields(task, loop.id, this.deps.settings),
    );
    await this.ledger.save();
    // Mark the task as ours so later syncs (and a lost mapping) find it by marker.
    const marked = {
      ...task,
      title: taskTitle(loop),
      content: `${(task.content ?? "").trim()}\n\n${markerLine(loop.id)}`.trim(),
    };
    const updated = (await this.deps.client.updateTask(marked)) ?? task;
    const agreedRemote = remoteFields(updated, loop.id, this.deps.settings);
    this.ledger.remember(
      loop.id,
      updated,
      { ...localFields({ ...loop, status: "open" }, this.deps.vaultName, agreedRemote.list) },
      agreedRemote,
    );
    await this.ledger.dequeue("import", task.id);
  }

  private progress(message: string): void {
    this.options.onProgress?.(message);
  }
}
