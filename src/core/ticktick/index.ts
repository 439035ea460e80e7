// TickTick round trip: Open API client, auth, GTD mapping, three-way merge and the sync engine.

export {
  environmentApiBase,
  officialService,
  settingsService,
  syncApiBase,
  TICKTICK_SERVICES,
  type TickTickService,
} from "./hosts";
export {
  DEFAULT_API_BASE,
  TickTickAuthError,
  TickTickClient,
  TickTickHttpError,
  UnknownOutcomeError,
  type TickTickClientOptions,
} from "./client";
export { RequestQueue, DEFAULT_PACING, isRateLimited, type PacingOptions } from "./request-queue";
export {
  dueFromTask,
  parseTickTickDate,
  formatTickTickDate,
  priorityFromTask,
  priorityToTask,
  taskDateFields,
} from "./dates";
export {
  markerLine,
  markerOf,
  renderTaskContent,
  userText,
  taskTitle,
  loopTitleFromTask,
  obsidianLink,
  type SyncFields,
  type SyncLoop,
  type SyncStatus,
} from "./mapping";
export { CONFLICT_POLICY, mergeFields, type FieldConflict, type MergeResult } from "./merge";
export {
  emptySyncState,
  memoryStatePort,
  resolveSyncState,
  type LoopSnapshot,
  type OutboxEntry,
  type SyncConflict,
  type SyncReport,
  type SyncState,
  type SyncStatePort,
} from "./state";
export type { LocalChange, LoopStore, NewLoop } from "./loop-store";
export { syncLoops, type SyncDeps, type SyncOptions } from "./engine";
export { syncTickTick, type TickTickSyncSetup } from "./sync";
export type { TickTickProject, TickTickTask, TickTickTaskDraft } from "./types";
export {
  AUTHORIZE_URL,
  TOKEN_URL,
  SCOPES,
  TOKEN_SECRET,
  CLIENT_SECRET_SECRET,
  buildAuthorizeUrl,
  codeFromRedirect,
  exchangeCode,
  newOAuthState,
  requireToken,
  saveToken,
  type AuthorizeRequest,
  type TokenExchange,
} from "./auth";
export { describeReport, policyText, summarizeReport } from "./report";
export { vaultLoopStore, loopPatch } from "./vault-loop-store";
