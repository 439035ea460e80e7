// What the last import wrote, so a re-import does no rendering for what did not change: per node, a
// fingerprint of everything its note is rendered from (the normalised manifest entry, its note name,
// its neighbours' names) with the note's path, mtime and size after the import; and the manifest
// file's hash with the report, for the byte-identical fast path. A note is trusted only while its
// stat is the one recorded, so an edit by a user or another process is always merged as before.
// The CLI keeps it in .decp/cache/dbt-import.json (src/cli/import-state-file.ts); without a store
// (the plugin) every import reads and renders every note, as it always did.

import { cacheKey } from "../content-hash";
import type { VaultFileStat, VaultPort } from "../vault";
import type { ImportReport } from "./import-plan";
import { MODEL_NOTE_FORMAT, type NoteLinks } from "./model-note";
import type { NodeDetail } from "./project";

export const IMPORT_STATE_VERSION = 1;

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
}

/** A state this renderer can trust (right version and format, well formed), else null. */
export function usableState(state: ImportState | null | undefined): ImportState | null {
  if (!state || state.version !== IMPORT_STATE_VERSION || state.format !== MODEL_NOTE_FORMAT) return null;
  if (!state.notes || typeof state.notes !== "object" || !state.summary) return null;
  return state;
}

/**
 * Everything a node's note is rendered from (the detail with its column usage, the note name, the
 * neighbours' names, what the note shows about columns, children's reads included); equal
 * fingerprints render equal notes.
 */
export function nodeFingerprint(detail: NodeDetail, noteName: string, links: NoteLinks, columns: unknown): string {
  const { notePath: _ignored, ...node } = detail.node;
  return cacheKey(JSON.stringify([{ ...detail, node }, noteName, links]) + JSON.stringify(columns, asArrays));
}

/** Everything a macro's note is rendered from: the macro entry, its note name and who calls it. */
export function macroFingerprint(macro: unknown, noteName: string, links: unknown): string {
  return cacheKey(JSON.stringify(["macro", macro, noteName, links]));
}

/** Maps and sets as arrays, so they count in the fingerprint (JSON.stringify writes them as {}). */
function asArrays(_key: string, value: unknown): unknown {
  return value instanceof Map || value instanceof Set ? [...value] : value;
}

export function sameStat(note: ImportedNote | undefined, stat: VaultFileStat | null): boolean {
  return !!note && !!stat && note.mtime === stat.mtime && note.size === stat.size;
}

/**
 * The byte-identical fast path: the manifest is the one the last import read, for the same folder,
 * and every note it left is still exactly as it left it (stat). Then an import would write nothing.
 */
export async function unchangedSinceImport(vault: VaultPort, state: ImportState, folder: string): Promise<boolean> {
  if (state.summary.folder !== folder) return false;
  for (const note of Object.values(state.notes)) if (!sameStat(note, await vault.stat(note.path))) return false;
  return true;
}
