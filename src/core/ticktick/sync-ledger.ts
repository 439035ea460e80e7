// What a sync run writes down as it goes: the agreed snapshot per loop and the outbox of writes in
// flight, saved through SyncStatePort at each step so a crash or an offline spell loses nothing.
// A dry run writes nothing down.

import type { Clock } from "../ports";
import { isoSeconds } from "../timestamps";
import type { SyncFields } from "./mapping";
import type { LoopSnapshot, OutboxEntry, SyncState, SyncStatePort } from "./state";
import type { TickTickTask } from "./types";

export class SyncLedger {
  constructor(
    readonly state: SyncState,
    private readonly port: SyncStatePort,
    private readonly clock: Clock,
    private readonly dryRun: boolean,
  ) {}

  snapshot(loopId: string): LoopSnapshot | undefined {
    return this.state.snapshots[loopId];
  }

  /** The fields both sides agree on after this step, and the task they were agreed with. */
  remember(loopId: string, task: TickTickTask, local: SyncFields, remote: SyncFields): void {
    if (this.dryRun) return;
    this.state.snapshots[loopId] = {
      taskId: task.id,
      projectId: task.projectId,
      local,
      remote,
      at: isoSeconds(this.clock.now()),
    };
  }

  /** Recorded (and saved) before the request, so a crash leaves a trace to resolve. */
  async enqueue(entry: Omit<OutboxEntry, "since">): Promise<void> {
    if (!this.state.outbox.some((e) => e.kind === entry.kind && e.key === entry.key)) {
      this.state.outbox.push({ ...entry, since: isoSeconds(this.clock.now()) });
    }
    await this.save();
  }

  async markUnknown(kind: OutboxEntry["kind"], key: string, error: string): Promise<void> {
    const entry = this.state.outbox.find((e) => e.kind === kind && e.key === key);
    if (entry) Object.assign(entry, { unknownOutcome: true, lastError: error });
    await this.save();
  }

  async dequeue(kind: OutboxEntry["kind"], key: string): Promise<void> {
    this.state.outbox = this.state.outbox.filter((e) => !(e.kind === kind && e.key === key));
    await this.save();
  }

  /** A loop (or imported task) that merged cleanly has nothing in flight any more. */
  async settle(key: string): Promise<void> {
    if (this.dryRun || !this.state.outbox.some((e) => e.key === key)) return;
    this.state.outbox = this.state.outbox.filter((e) => e.key !== key);
    await this.save();
  }

  save(): Promise<void> {
    return this.port.save(this.state);
  }
}
