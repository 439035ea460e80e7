// What the sync remembers between runs: the last agreed snapshot per loop and the outbox of writes
// in flight. Kept in plugin data (plugin) or .decp/ticktick-state.json (CLI) through SyncStatePort.

import type { FieldConflict } from "./merge";
import type { SyncFields } from "./mapping";

export interface LoopSnapshot {
  taskId: string;
  projectId: string;
  local: SyncFields;
  remote: SyncFields;
  at: string;
}

/** A write that was started and not yet confirmed. Creates are resolved by marker, never blindly retried. */
export interface OutboxEntry {
  kind: "create" | "import" | "update" | "complete";
  /** The loop id (create/update/complete) or the TickTick task id (import). */
  key: string;
  since: string;
  unknownOutcome?: boolean;
  lastError?: string;
}

export interface SyncConflict extends FieldConflict {
  loopId: string;
}

export interface SyncReport {
  at: string;
  dryRun: boolean;
  created: number;
  updated: number;
  imported: number;
  /** Loops changed from TickTick (clarified). */
  clarified: number;
  conflicts: SyncConflict[];
  errors: string[];
  /** Loops or tasks left alone, with why (unreadable note, task missing, ...). */
  skipped: string[];
  /** What a dry run would do (also filled on a real run). */
  actions: string[];
  /** Outbox entries still pending after this run. */
  pending: number;
  authRequired: boolean;
}

export interface SyncState {
  version: 1;
  snapshots: Record<string, LoopSnapshot>;
  outbox: OutboxEntry[];
  lastReport?: SyncReport;
}

export interface SyncStatePort {
  load(): Promise<SyncState>;
  save(state: SyncState): Promise<void>;
}

export function emptySyncState(): SyncState {
  return { version: 1, snapshots: {}, outbox: [] };
}

/** Accepts whatever was stored (missing, older, hand-edited) and returns a usable state. */
export function resolveSyncState(stored: unknown): SyncState {
  const state = emptySyncState();
  if (!stored || typeof stored !== "object") return state;
  const s = stored as Partial<SyncState>;
  if (s.snapshots && typeof s.snapshots === "object") state.snapshots = s.snapshots;
  if (Array.isArray(s.outbox)) state.outbox = s.outbox;
  if (s.lastReport) state.lastReport = s.lastReport;
  return state;
}

export function memoryStatePort(initial?: SyncState): SyncStatePort & { state: SyncState } {
  const port = {
    state: initial ?? emptySyncState(),
    load: async () => structuredClone(port.state),
    save: async (next: SyncState) => {
      port.state = structuredClone(next);
    },
  };
  return port;
}
