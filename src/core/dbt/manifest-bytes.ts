// Reads manifest.json from its bytes, entry by entry (manifest-scan.ts), instead of JSON.parse of the
// whole text: a 20,000-model manifest's tree never exists, only one entry at a time, and a re-import
// can tell from a digest of the raw bytes, before parsing anything, that the project is the one the
// last import read (a fresh `dbt compile` changes only metadata.generated_at and invocation_id).
// What it reads is exactly what readManifest reads from the parsed text (manifest-bytes.test.ts).

import type { DbtProject } from "./project";
import { parseJsonText } from "./json-text";
import { COLUMN_ANALYSIS_VERSION } from "./column-usage";
import { MANIFEST_SECTIONS, readManifest, readManifestSource, type ManifestSource } from "./manifest";
import { BytesDigest, scanJsonObject, type ScannedJson } from "./manifest-scan";

/**
 * Bump when readManifest reads the same bytes into a different project: a digest from before then
 * never matches, so the next import reads and plans everything.
 */
const READER_VERSION = 1;

/** Metadata that changes with every dbt invocation and nothing notes are made from. */
const VOLATILE_METADATA = new Set(["generated_at", "invocation_id"]);

const READ = new Set<string>(MANIFEST_SECTIONS);

export interface ScannedManifest {
  /**
   * What the project is read from, hashed: every section readManifest reads, byte for byte, and the
   * metadata but its per-run fields. Equal digests read into equal projects. Undefined when the file
   * could not be scanned (it is then parsed whole, and any syntax error reported as before).
   */
  digest?: string;
  /** metadata.project_name when the manifest states it (v10+). */
  projectName?: string;
  /** The project, read entry by entry; throws the UserError readManifest throws. */
  project(): DbtProject;
}

/** Scans the file's bytes (cheap: no entry is parsed until project() is called). */
export function scanManifest(bytes: Uint8Array, file: string): ScannedManifest {
  const whole = (): DbtProject => {
    // The BOM is kept, as Buffer#toString keeps it: JSON.parse refuses it, and so the error is the same.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    return readManifest(parseJsonText(text, file), file);
  };
  const scanned = scanJsonObject(bytes, new Set(MANIFEST_SECTIONS));
  const metadataSpan = scanned?.top.get("metadata");
  let metadata: unknown;
  try {
    metadata = metadataSpan && scanned!.parse(metadataSpan);
  } catch {
    return { project: whole };
  }
  if (!scanned || !isObject(metadata)) return { project: whole };
  const project = (): DbtProject => {
    try {
      // What no note is made from is still checked, as JSON.parse of the whole text would.
      for (const [key, span] of scanned.top) if (!READ.has(key) && key !== "metadata") scanned.parse(span);
      return readManifestSource(scannedSource(scanned, metadata), file);
    } catch (error) {
      // An entry that is not valid JSON: the whole parse says where.
      if (error instanceof SyntaxError) return whole();
      throw error;
    }
  };
  const name = metadata.project_name;
  return {
    digest: digestOf(scanned, metadata),
    ...(typeof name === "string" && name !== "" ? { projectName: name } : {}),
    project,
  };
}

function digestOf(scanned: ScannedJson, metadata: Record<string, unknown>): string {
  const digest = new BytesDigest();
  const kept = Object.entries(metadata).filter(([key]) => !VOLATILE_METADATA.has(key));
  digest.text(JSON.stringify([READER_VERSION, COLUMN_ANALYSIS_VERSION, kept]));
  for (const section of MANIFEST_SECTIONS) {
    const span = scanned.top.get(section);
    digest.text(span ? section : `${section} absent`);
    if (span) digest.add(scanned.bytes, span[0], span[1]);
  }
  return digest.hex();
}

function scannedSource(scanned: ScannedJson, metadata: Record<string, unknown>): ManifestSource {
  const nodes = scanned.top.get("nodes");
  // Only what checkManifest looks at: nodes is an object (its entries come from the scan), or what it is.
  const head = {
    metadata,
    nodes: nodes === undefined ? undefined : scanned.entries("nodes") ? {} : scanned.parse(nodes),
  };
  const spans = (section: string) => scanned.entries(section) ?? new Map<string, readonly [number, number]>();
  // Looked-up sections (parent_map) are small: parsed whole once, so every entry is checked.
  const whole = new Map<string, Record<string, unknown>>();
  return {
    head,
    entries: (section) => [...spans(section)].map(([key, span]) => [key, () => scanned.parse(span)]),
    // The section and key are hashed too: readNode falls back to the key for a missing unique_id.
    rawKey: (section, key) => {
      const span = spans(section).get(key)!;
      return new BytesDigest().text(`${READER_VERSION} ${section} ${key}`).add(scanned.bytes, span[0], span[1]).hex();
    },
    entry: (section, key) => {
      let parsed = whole.get(section);
      if (!parsed) {
        const span = scanned.top.get(section);
        const value = span && scanned.parse(span);
        whole.set(section, (parsed = isObject(value) ? value : {}));
      }
      return parsed[key];
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
