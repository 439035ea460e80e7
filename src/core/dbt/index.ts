// dbt area: lineage graph, dbt-compatible selector, manifest and project readers, model-note import.
export type { ConfigValue, LineageGraph, LineageNode, LineageResourceType } from "./graph";
export { buildGraph, isLineageResourceType, LINEAGE_RESOURCE_TYPES, lineageByDepth, nodeByNotePath } from "./graph";
export { parseSelector, selectNodes } from "./selector";
export { loadLineageFromVault, readVaultLineage } from "./vault-lineage";
export type { VaultLineage } from "./vault-lineage";
export type { ColumnInfo, DbtProject, MacroInfo, NodeDetail, TestInfo, UnresolvedRef } from "./project";
export { OWNED_KEYS, REGION_BEGIN, REGION_END } from "./model-note";
export { readModelNote, type ModelFacts } from "./model-note-read";
export { readMacroNote, type MacroFacts } from "./macro-note";
export { KNOWN_SCHEMA_VERSIONS, manifestSchemaVersion, normalizeRef, readManifest } from "./manifest";
export { cleanConfig } from "./manifest-config";
export type { ModelRef } from "./manifest";
export { scanManifest, type ScannedManifest } from "./manifest-bytes";
export { parseJsonText } from "./json-text";
export { importDbtProject, MassRemovalError, planImport } from "./import-plan";
export { describeImport, type ImportReport } from "./import-report";
export { reimportSameProject, reimportUnchanged } from "./import-state";
export { MODEL_NOTE_FORMAT } from "./model-note";
export type { ImportState, ImportStateStore } from "./import-state";
export type { ImportOptions, ImportPlan } from "./import-plan";
export { analyseProjectColumns, COLUMN_ANALYSIS_VERSION, columnReaders } from "./column-usage";
export type { ColumnCache } from "./column-usage";
export type { ColumnSource, ColumnUsage, OutputColumn, ParentColumns } from "./column-usage";
export {
  columnImpact,
  columnsReadBy,
  describeImpact,
  modelsReadingColumn,
  namedImpact,
  noteNameOf,
  resolveColumnRef,
} from "./column-impact";
export type { ColumnImpact } from "./column-impact";
export { columnsFromFrontmatter, splitColumnRef } from "./model-note-columns";
export type { NodeColumns } from "./model-note-columns";
export { dialectForAdapter, loadSqlParser } from "./sql-parser";
export type { ParsedSql, SqlDialect, SqlParser } from "./sql-parser";
export { assignNoteNames, notePathFor, safeNoteName } from "./note-names";
export { readDbtProject } from "./project-reader";
export type { ProjectFiles } from "./project-reader";
export { scanSql } from "./sql-refs";
export type { JinjaCall, ScannedSql } from "./sql-refs";
