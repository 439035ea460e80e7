// Reads dbt's manifest.json (schema v6 to v12) into a DbtProject. Field names moved between
// versions (raw_sql -> raw_code, compiled_sql -> compiled_code, refs as lists -> objects); this is
// the one place that knows. Only what notes need is copied out, so the parsed JSON can be dropped.

import { UserError } from "../errors";
import { cleanConfig } from "./manifest-config";
import { LINEAGE_RESOURCE_TYPES, type LineageNode, type LineageResourceType } from "./graph";
import { md5Hex } from "./md5";
import type { ColumnInfo, DbtProject, MacroInfo, NodeDetail, TestInfo } from "./project";
import { macroArguments } from "./project-macros";
import { testArguments } from "./test-arguments";

export const KNOWN_SCHEMA_VERSIONS = [6, 7, 8, 9, 10, 11, 12];

type Json = Record<string, unknown>;

export interface ModelRef {
  name: string;
  package?: string;
  version?: string;
}

/** v6-v8 refs are lists (`["m"]`, `["pkg", "m"]`); v9+ are `{ name, package, version }`. */
export function normalizeRef(ref: unknown): ModelRef | null {
  if (Array.isArray(ref)) {
    const parts = ref.filter((p): p is string => typeof p === "string");
    if (parts.length === 1) return { name: parts[0] };
    if (parts.length === 2) return { package: parts[0], name: parts[1] };
    return null;
  }
  if (isObject(ref) && typeof ref.name === "string") {
    const out: ModelRef = { name: ref.name };
    if (typeof ref.package === "string") out.package = ref.package;
    if (typeof ref.version === "string" || typeof ref.version === "number") out.version = String(ref.version);
    return out;
  }
  return null;
}

/** The schema version from metadata.dbt_schema_version (".../manifest/v12.json" -> 12). */
export function manifestSchemaVersion(manifest: unknown): number | undefined {
  const url = isObject(manifest) && isObject(manifest.metadata) ? manifest.metadata.dbt_schema_version : undefined;
  const match = typeof url === "string" ? /manifest\/v(\d+)/.exec(url) : null;
  return match ? Number(match[1]) : undefined;
}

// manifest.nodes holds every lineage type but sources, which have a map of their own.
const NOTE_TYPES = new Set<string>(LINEAGE_RESOURCE_TYPES.filter((type) => type !== "source"));

/** Refuses what is not a manifest decp can read, before anything is planned: one line saying what to pass. */
function checkManifest(manifest: unknown, file: string): asserts manifest is Json & { nodes: Json; metadata: Json } {
  const hint = "Pass dbt's target/manifest.json, written by `dbt parse` or `dbt compile`";
  if (!isObject(manifest) || !isObject(manifest.nodes) || !isObject(manifest.metadata))
    throw new UserError(`Not a dbt manifest (it has no "metadata" and "nodes" objects)`, { file }, hint);
  const version = manifestSchemaVersion(manifest);
  if (version === undefined)
    throw new UserError("The manifest does not state its schema version (metadata.dbt_schema_version)", { file }, hint);
  if (!KNOWN_SCHEMA_VERSIONS.includes(version))
    throw new UserError(
      `The manifest uses schema v${version}; decp reads v${KNOWN_SCHEMA_VERSIONS[0]} to v${KNOWN_SCHEMA_VERSIONS.at(-1)}`,
      { file },
      "Write the manifest with a dbt version that produces one of those, or update decp",
    );
}

/** The parts of a manifest decp reads, each an object of entries. */
export const MANIFEST_SECTIONS = ["nodes", "sources", "macros", "exposures", "parent_map"] as const;
export type ManifestSection = (typeof MANIFEST_SECTIONS)[number];

/**
 * A manifest as readManifest walks it, whether parsed whole or scanned entry by entry
 * (manifest-bytes.ts): `head` is the document with `metadata` whole and `nodes` at least an object
 * when it is one; each section's entries come in Object.entries order, parsed when asked for.
 */
export interface ManifestSource {
  head: unknown;
  entries(section: ManifestSection): Iterable<[key: string, value: () => unknown]>;
  /** One entry of a section, or undefined. */
  entry(section: ManifestSection, key: string): unknown;
  /** A hash of an entry's raw bytes, when the source has them. */
  rawKey?(section: ManifestSection, key: string): string;
}

/** A parsed manifest as a source. */
function parsedSource(manifest: unknown): ManifestSource {
  const section = (name: ManifestSection): Json =>
    isObject(manifest) && isObject(manifest[name]) ? manifest[name] : {};
  return {
    head: manifest,
    entries: (name) => Object.entries(section(name)).map(([key, value]) => [key, () => value]),
    entry: (name, key) => section(name)[key],
  };
}

export function readManifest(manifest: unknown, file = "manifest.json"): DbtProject {
  return readManifestSource(parsedSource(manifest), file);
}

export function readManifestSource(source: ManifestSource, file: string): DbtProject {
  const manifest = source.head;
  checkManifest(manifest, file);
  const warnings: string[] = [];
  const details = new Map<string, NodeDetail>();
  const tests: AttachedTest[] = [];
  let skippedKinds = 0;
  for (const [key, value] of source.entries("nodes")) {
    const raw = value();
    if (!isObject(raw)) {
      warnings.push(`nodes.${key} is not an object; skipped`);
      continue;
    }
    const type = str(raw.resource_type);
    // Tests are read as they come: a test's raw entry is not kept until its node is known.
    if (type === "test") tests.push(readTest(raw));
    else if (NOTE_TYPES.has(type)) {
      const detail = readNode(raw, type as LineageResourceType, key, warnings);
      if (detail) details.set(detail.node.uniqueId, withRawKey(detail, source, "nodes", key));
    } else skippedKinds++;
  }
  for (const [key, value] of source.entries("sources")) {
    const raw = value();
    const detail = isObject(raw) ? readNode(raw, "source", key, warnings) : null;
    if (detail) details.set(detail.node.uniqueId, withRawKey(detail, source, "sources", key));
  }
  // parent_map, when it lists a node, is what dbt resolved; else depends_on stands.
  for (const detail of details.values()) {
    const listed = source.entry("parent_map", detail.node.uniqueId);
    if (Array.isArray(listed)) detail.parents = listed.filter((p): p is string => typeof p === "string");
  }
  attachTests(tests, details);
  attachExposures(source.entries("exposures"), details);
  if (skippedKinds > 0)
    warnings.push(`${skippedKinds} nodes of other kinds (operations, analyses, unit tests) get no note`);
  const name = projectName(manifest, details);
  const macros = readOwnMacros(source.entries("macros"), name);
  const own = new Set(macros.map((m) => m.uniqueId));
  for (const detail of details.values()) detail.macros = detail.macros.filter((id) => own.has(id));
  const meta = manifest.metadata;
  const adapter = str(meta.adapter_type) || undefined;
  return { name, ...(adapter ? { adapter } : {}), nodes: [...details.values()], macros, warnings, unresolved: [] };
}

function withRawKey(detail: NodeDetail, source: ManifestSource, section: ManifestSection, key: string): NodeDetail {
  if (source.rawKey) detail.rawKey = source.rawKey(section, key);
  return detail;
}

/** The root project's macros; dbt's own and packages' macros are not the project's code. */
function readOwnMacros(entries: Iterable<[string, () => unknown]>, project: string): MacroInfo[] {
  const macros: MacroInfo[] = [];
  for (const [key, value] of entries) {
    const entry = value();
    if (!isObject(entry) || str(entry.package_name) !== project || !str(entry.name)) continue;
    const documented = (Array.isArray(entry.arguments) ? entry.arguments : [])
      .map((a) => (isObject(a) ? str(a.name) : ""))
      .filter(Boolean);
    macros.push({
      uniqueId: str(entry.unique_id) || key,
      name: str(entry.name),
      packageName: project,
      path: str(entry.original_file_path) || str(entry.path),
      description: str(entry.description),
      // Arguments are listed only when documented in a properties file; the signature always has them.
      arguments: documented.length > 0 ? documented : macroArguments(str(entry.macro_sql)),
      sql: str(entry.macro_sql),
      macros: isObject(entry.depends_on) ? strings(entry.depends_on.macros) : [],
      notePath: "",
    });
  }
  const own = new Set(macros.map((m) => m.uniqueId));
  for (const macro of macros) macro.macros = macro.macros.filter((id) => own.has(id) && id !== macro.uniqueId);
  return macros.sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1));
}

function readNode(raw: Json, type: LineageResourceType, key: string, warnings: string[]): NodeDetail | null {
  const uniqueId = str(raw.unique_id) || key;
  const name = str(raw.name);
  if (!name) {
    warnings.push(`${uniqueId} has no name; skipped`);
    return null;
  }
  const config = cleanConfig(raw.config, uniqueId);
  const node: LineageNode = {
    uniqueId,
    name,
    resourceType: type,
    packageName: str(raw.package_name),
    path: str(raw.original_file_path) || str(raw.path),
    notePath: "",
    tags: strings(raw.tags),
    fqn: strings(raw.fqn),
    config,
    description: str(raw.description),
  };
  if (type === "source") node.sourceName = str(raw.source_name);
  if (typeof raw.version === "string" || typeof raw.version === "number") node.version = String(raw.version);
  const dependsOn = isObject(raw.depends_on) ? strings(raw.depends_on.nodes) : [];
  return {
    node,
    parents: dependsOn,
    materialized: typeof config.materialized === "string" ? config.materialized : undefined,
    columns: readColumns(raw.columns),
    tests: [],
    relation: readRelation(raw, type),
    sql: readSql(raw, type),
    macros: isObject(raw.depends_on) ? strings(raw.depends_on.macros) : [],
    exposures: [],
    ...(node.version !== undefined && (typeof raw.latest_version === "string" || typeof raw.latest_version === "number")
      ? { latestVersion: String(raw.latest_version) }
      : {}),
  };
}

/** The SQL as written (raw_code, v6: raw_sql) and as compiled (compiled_code, v6: compiled_sql), when present. */
function readSql(raw: Json, type: LineageResourceType): NodeDetail["sql"] {
  if (type === "source" || type === "seed") return undefined;
  const sql: NonNullable<NodeDetail["sql"]> = {};
  const code = str(raw.raw_code) || str(raw.raw_sql);
  const compiled = str(raw.compiled_code) || str(raw.compiled_sql);
  if (code) sql.raw = code;
  if (compiled) sql.compiled = compiled;
  return code || compiled ? sql : undefined;
}

/** [database, schema, identifier]: what compiled SQL names the relation by (sources: identifier; nodes: alias). */
function readRelation(raw: Json, type: LineageResourceType): string[] | undefined {
  const identifier = type === "source" ? str(raw.identifier) || str(raw.name) : str(raw.alias) || str(raw.name);
  const parts = [str(raw.database), str(raw.schema), identifier].filter((p) => p !== "");
  return parts.length > 0 ? parts : undefined;
}

function readColumns(columns: unknown): ColumnInfo[] {
  if (!isObject(columns)) return [];
  return Object.entries(columns).map(([key, c]) => {
    const col = isObject(c) ? c : {};
    return { name: str(col.name) || key, description: str(col.description), dataType: str(col.data_type) };
  });
}

interface AttachedTest {
  info: TestInfo;
  targets: string[];
}

/** Tests attach to attached_node (v10+); older manifests only have depends_on, so every parent. */
function readTest(test: Json): AttachedTest {
  const meta = isObject(test.test_metadata) ? test.test_metadata : undefined;
  const info: TestInfo = { name: str(test.name), kind: meta ? str(meta.name) : "singular" };
  const column = str(test.column_name);
  if (column) info.column = column;
  if (meta && isObject(meta.kwargs)) Object.assign(info, testArguments(info.kind, meta.kwargs));
  const attached = str(test.attached_node);
  const targets = attached ? [attached] : isObject(test.depends_on) ? strings(test.depends_on.nodes) : [];
  return { info, targets };
}

function attachTests(tests: AttachedTest[], details: Map<string, NodeDetail>): void {
  for (const { info, targets } of tests) for (const target of targets) details.get(target)?.tests.push(info);
  for (const detail of details.values()) detail.tests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function attachExposures(exposures: Iterable<[string, () => unknown]>, details: Map<string, NodeDetail>): void {
  for (const [, value] of exposures) {
    const raw = value();
    if (!isObject(raw) || !isObject(raw.depends_on)) continue;
    const label = `${str(raw.name)}${raw.type ? ` (${str(raw.type)})` : ""}`;
    for (const id of strings(raw.depends_on.nodes)) details.get(id)?.exposures.push(label);
  }
  for (const detail of details.values()) detail.exposures.sort();
}

/** metadata.project_name (v10+); before that, the package whose md5 is metadata.project_id; else the package most models belong to. */
function projectName(manifest: Json, details: Map<string, NodeDetail>): string {
  const meta = isObject(manifest.metadata) ? manifest.metadata : {};
  if (str(meta.project_name)) return str(meta.project_name);
  const packages = new Set([...details.values()].map((d) => d.node.packageName));
  const hashed = str(meta.project_id) ? [...packages].find((pkg) => md5Hex(pkg) === str(meta.project_id)) : undefined;
  if (hashed) return hashed;
  const counts = new Map<string, number>();
  for (const d of details.values())
    if (d.node.resourceType === "model") counts.set(d.node.packageName, (counts.get(d.node.packageName) ?? 0) + 1);
  let best = "dbt";
  let most = 0;
  for (const [pkg, n] of [...counts].sort()) if (n > most) [best, most] = [pkg, n];
  return best;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : "";
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
