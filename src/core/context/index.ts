// Context area: exact token counts (lazy tokenizer + persisted cache), tallies of any selection,
// budget phases, context packs built in rings, and context decision records.
export { budgetPhase, parseBudget, formatTokens, formatShare, type BudgetPhase } from "./budget";
export { createTokenCounter, countingCalls, parseEncoding, ENCODINGS, type TokenCounter } from "./tokenizer";
export { TokenCache, type TokenCacheSnapshot, type TokenCacheStore } from "./token-cache";
export {
  TokenTally,
  openTokenTally,
  describeTally,
  type Tally,
  type FileTokens,
  type SkippedFile,
  type FileRead,
} from "./tally";
export { fileKind, isMarkdown, type FileKind } from "./file-kinds";
export { notesPastBudget } from "./budget-fit";
export { NoteGraph, loadNoteGraph, type NoteNode } from "./note-graph";
export {
  resolveSelection,
  linkedNotes,
  type Selection,
  type ResolvedSelection,
  type SelectionSources,
  type DbtNoteSelector,
} from "./selection";
export { buildPack, expandPack, expandedRequest, type PackSources, type LoopMention, type ColumnReaders } from "./pack";
export { renderPackMarkdown, renderPackHeader, packSummary } from "./pack-render";
export { noteSection, type PackForm } from "./note-forms";
export { noteForModel } from "./for-model";
export { renderModelCard, renderMacroCard, grainOf, type ModelCard } from "./model-card";
export {
  describeInclude,
  describeExclusion,
  exclusionRationale,
  type IncludeCause,
  type ExclusionCause,
} from "./pack-reasons";
export type {
  ContextPack,
  PackItem,
  PackExclusion,
  ExclusionGroup,
  PackOverride,
  PackRequest,
  PackDecision,
} from "./pack-types";
export { renderContextLoaded } from "./context-xml";
export {
  renderContextRecord,
  planContextRecord,
  saveContextRecord,
  listContextRecords,
  type ContextRecordSummary,
} from "./record";
export {
  packAroundFocus,
  openPackSources,
  type FocusPackRequest,
  type FocusPackOptions,
  type PackSourceOptions,
} from "./pack-around-focus";
export { dbtNoteSelector } from "./dbt-selection";
export { SessionMeter, meterLine } from "./session-meter";
