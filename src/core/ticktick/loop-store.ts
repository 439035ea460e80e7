// The sync's view of loop notes: a port, so the engine never parses a note itself. The vault
// implementation (vault-loop-store.ts) goes through the loops area's API.

import type { LoopPriority } from "../loops";
import type { SyncLoop, SyncStatus } from "./mapping";

/** A change the sync writes into a loop note. `clarifiedText` is what the user wrote in TickTick. */
export interface LocalChange {
  title?: string;
  status?: SyncStatus;
  /** Completion time when TickTick closed the loop. */
  closed?: string;
  clarified?: string;
  ticktickId?: string;
  due?: string;
  priority?: LoopPriority;
  list?: string;
  clarifiedText?: string;
}

export interface NewLoop {
  title: string;
  question: string;
  context: string;
  ticktickId: string;
  captured: string;
  due?: string;
  priority?: LoopPriority;
  list?: string;
}

export interface LoopStore {
  list(): Promise<{ loops: SyncLoop[]; unreadable: { path: string; error: string }[] }>;
  apply(loop: SyncLoop, change: LocalChange): Promise<void>;
  /** Creates an open loop with a fresh id. */
  create(loop: NewLoop): Promise<SyncLoop>;
}
