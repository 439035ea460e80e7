// What the last import wrote, so a re-import does no rendering for what did not change: per node, a
// fingerprint of everything its note is rendered from (the manifest entry, raw or normalised, its
// note name, its neighbours' names and column keys) with the note's path, mtime and size after the
// import; the manifest file's hash and digest with the report, for the fast paths. A note is trusted only while its
// stat is the one recorded, so an edit by a user or another process is always merged as before.
// The CLI keeps it in .decp/cache/dbt-import.json (src/cli/import-state-file.ts); without a store
// (the plugin) every import reads and renders every note, as it always did.

import { cacheKey } from "../content-hash";
import type { DecpSettings } from "../settings";
import { joinVaultPath, type VaultPort } from "../vault";
import type { ColumnCache } from "./column-usage";
import type { ImportPlan } from "./import-plan";
import type { ImportReport } from "./import-report";
import { safeNoteName } from "./note-names";
import { notesAsImported } from "./notes-as-imported";
import { MODEL_NOTE_FORMAT, type NoteLinks } from "./model-note";
import type { NodeDetail } from "./project";

export const IMPORT_STATE_VERSION = 2;

export interface ImportedNote {
  fingerprint: string;
  path: string;
  mtime: number;
  size: number;
}

/** The summary of the last import, repeated as is when a byte-identical manifest comes again. */
export type ImportSummary = Pick<
  ImportReport,
  "project" | "folder" | "models" | "sources" | "seeds" | "snapshots" | "macros" | "removed" | "unresolved" | "warnings"
>;

export interface ImportState {
  version: number;
  /** Bumped with the note format: a state written by another renderer is not trusted. */
  format: number;
  /** Hash of the manifest file the last import read (the adapter's hash); absent for a project folder. */
  manifest?: string;
  /** Digest of what that manifest's notes are made from (manifest-bytes.ts): a fresh compile keeps it. */
  digest?: string;
  summary: ImportSummary;
  /** unique_id -> the note the last import left. */
  notes: Record<string, ImportedNote>;
}

/** One state per project name. */
export interface ImportStateStore {
  load(project: string): Promise<ImportState | null>;
  /** The state whose manifest hash is this one, if any (the fast path reads no manifest to know the project). */
  findByManifest(hash: string): Promise<ImportState | null>;
  save(state: ImportState): Promise<void>;
  /** The column usage the last import analysed (kept apart: the byte-identical fast path never reads it). */
  loadColumns(project: string): Promise<ColumnCache | null>;
  saveColumns(project: string, cache: ColumnCache): Promise<void>;
}

/** A state this renderer can trust (right version and format, well formed), else null. */
export function usableState(state: ImportState | null | undefined): ImportState | null {
  if (!state || state.version !== IMPORT_STATE_VERSION || state.format !== MODEL_NOTE_FORMAT) return null;
  if (!state.notes || typeof state.notes !== "object" || !state.summary) return null;
  return state;
}

/** What a neighbour contributes to a node's note: its note name, and its column usage by key. */
export interface Neighbour {
  id: string;
  name: string;
  detail?: NodeDetail;
}

/**
 * Everything a node's note is rendered from: the detail (the raw manifest entry's hash standing for
 * what was read from it, when the reader had the bytes), the note name, the neighbours' ids and names,
 * and for the column sections the column keys of the node and of its children (a child's key stands
 * for the columns it reads of each parent; column-usage.ts). Equal fingerprints render equal notes.
 * `columns` false: the import shows no column usage.
 */
export function nodeFingerprint(
  detail: NodeDetail,
  noteName: string,
  links: NoteLinks,
  neighbours: { parents: Neighbour[]; children: Neighbour[] },
  columns: boolean,
): string {
  const usage = (d: NodeDetail | undefined) => d?.columnKey ?? d?.columnUsage ?? null;
  const near = (list: Neighbour[], withUsage: boolean) =>
    list.map((n) => (withUsage ? [n.id, n.name, usage(n.detail)] : [n.id, n.name]));
  const around = [
    noteName,
    links,
    near(neighbours.parents, false),
    near(neighbours.children, columns),
    columns ? usage(detail) : null,
  ];
  if (detail.rawKey !== undefined) {
    // What readNode took from the entry is in its hash; what else the note shows is listed.
    const { parents, tests, macros, exposures, rawKey } = detail;
    return cacheKey(JSON.stringify([rawKey, parents, tests, macros, exposures, around]));
  }
  // node.columns is the usage by note name, which the column keys stand for.
  const { notePath: _path, columns: _usage, ...node } = detail.node;
  const raw = detail.sql?.raw ?? "";
  // The column key stands for the compiled SQL and the usage analysed from it (column-usage.ts keys
  // the usage by the compiled text, the dialect and the parents' columns): neither is hashed twice.
  const keyed = detail.columnKey !== undefined;
  const compiled = keyed ? "" : (detail.sql?.compiled ?? "");
  const rest = {
    ...detail,
    node,
    columnUsage: undefined,
    columnKey: undefined,
    // The SQL is hashed as it is, not escaped into the JSON: it is most of the bytes.
    sql: detail.sql && [raw.length, keyed ? -1 : compiled.length],
  };
  // Each part hashed alone: joining them first would copy every note's SQL into one more string.
  return cacheKey(cacheKey(JSON.stringify([rest, around])) + cacheKey(raw) + cacheKey(compiled));
}

/** Everything a macro's note is rendered from: the macro entry, its note name and who calls it. */
export function macroFingerprint(macro: unknown, noteName: string, links: unknown): string {
  return cacheKey(JSON.stringify(["macro", macro, noteName, links]));
}

/**
 * The byte-identical fast path: the manifest is the one the last import read, for the same folder,
 * every note it left is still exactly as it left it (stat) and no other note in the folder would make
 * an import act (notes-as-imported.ts). Then an import would write nothing.
 */
export async function unchangedSinceImport(vault: VaultPort, state: ImportState, folder: string): Promise<boolean> {
  return state.summary.folder === folder && notesAsImported(vault, state, folder);
}

/**
 * The byte-identical fast path: when the manifest file's hash is the one the last import recorded and
 * every note it left is unchanged, the import would write nothing; its report is the last one, with
 * nothing written. null when an import must run.
 */
export async function reimportUnchanged(
  vault: VaultPort,
  settings: DecpSettings,
  store: ImportStateStore,
  manifestHash: string,
): Promise<ImportReport | null> {
  const state = usableState(await store.findByManifest(manifestHash).catch(() => null));
  return state && lastReportIfUnchanged(vault, settings, state);
}

/**
 * A fresh `dbt compile` of an unchanged project: the manifest's digest (everything its notes are made
 * from, manifest-bytes.ts) is the one the last import recorded, so the project reads into the same
 * nodes; when every note is as that import left it, nothing is parsed, rendered or written. null
 * when an import must run (a note was edited: it is merged as before).
 */
export async function reimportSameProject(
  vault: VaultPort,
  settings: DecpSettings,
  store: ImportStateStore,
  manifest: { digest?: string; projectName?: string },
): Promise<ImportReport | null> {
  if (manifest.digest === undefined || manifest.projectName === undefined) return null;
  const state = usableState(await store.load(manifest.projectName).catch(() => null));
  return state?.digest === manifest.digest ? lastReportIfUnchanged(vault, settings, state) : null;
}

/** The last import's report, nothing written, when every note it left is unchanged; else null. */
async function lastReportIfUnchanged(
  vault: VaultPort,
  settings: DecpSettings,
  state: ImportState,
): Promise<ImportReport | null> {
  const folder = joinVaultPath(settings.dbtFolder, safeNoteName(state.summary.project));
  if (!(await unchangedSinceImport(vault, state, folder))) return null;
  const notes = Object.keys(state.notes).length;
  return {
    ...state.summary,
    created: 0,
    updated: 0,
    written: 0,
    unchanged: notes + state.summary.removed.length,
    skipped: [],
  };
}

/** The state an applied import leaves: each note it vouches for with its stat after the writes. */
export async function stateAfterImport(
  vault: VaultPort,
  planned: ImportPlan,
  written: string[],
  manifestHash?: string,
  digest?: string,
): Promise<ImportState> {
  const rewritten = new Set(written);
  const notes: ImportState["notes"] = {};
  for (const [id, { fingerprint, path }] of planned.imported) {
    const stat = rewritten.has(path) ? await vault.stat(path) : (planned.stats.get(path) ?? (await vault.stat(path)));
    if (stat) notes[id] = { fingerprint, path, mtime: stat.mtime, size: stat.size };
  }
  const { project, folder, models, sources, seeds, snapshots, macros, removed, unresolved, warnings } = planned.report;
  return {
    version: IMPORT_STATE_VERSION,
    format: MODEL_NOTE_FORMAT,
    ...(manifestHash !== undefined ? { manifest: manifestHash } : {}),
    ...(digest !== undefined ? { digest } : {}),
    summary: { project, folder, models, sources, seeds, snapshots, macros, removed, unresolved, warnings },
    notes,
  };
}
