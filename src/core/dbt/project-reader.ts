// Manifest-free import (`--project <dbt dir>`): reads dbt_project.yml, the model, seed and snapshot
// files and the schema YAML through a read-only port, and finds the lineage from ref()/source()
// calls. Refs dbt would only know after rendering Jinja are reported by file and line, never guessed.

import { UserError } from "../errors";
import { parseYamlDocument } from "../frontmatter";
import type { LineageNode, LineageResourceType } from "./graph";
import { cleanConfig } from "./manifest-config";
import type { DbtProject, MacroInfo, NodeDetail, UnresolvedRef } from "./project";
import { linkMacroCalls, macroCallFinder, readMacroFile } from "./project-macros";
import { readSchemaFiles, type ModelDoc, type SchemaDocs } from "./schema-yaml";
import { scanSql, type JinjaCall } from "./sql-refs";

/** The project folder, read-only; paths are relative to it. The CLI implements it over node:fs. */
export interface ProjectFiles {
  exists(path: string): Promise<boolean>;
  list(folder?: string): Promise<string[]>;
  read(path: string): Promise<string>;
}

interface ProjectSettings {
  name: string;
  modelPaths: string[];
  seedPaths: string[];
  snapshotPaths: string[];
  macroPaths: string[];
  modelsConfig: unknown;
}

interface Pending {
  detail: NodeDetail;
  file: string;
  calls: JinjaCall[];
}

export async function readDbtProject(files: ProjectFiles): Promise<DbtProject> {
  const settings = await readProjectSettings(files);
  const warnings: string[] = [];
  const listed = async (folders: string[]): Promise<string[]> => {
    const out: string[] = [];
    for (const folder of folders) {
      const found = await files.list(folder);
      if (found.length === 0) warnings.push(`${folder}/ is listed in dbt_project.yml but has no files`);
      out.push(...found);
    }
    return out;
  };
  const modelFiles = await listed(settings.modelPaths);
  const seedFiles = (await Promise.all(settings.seedPaths.map((p) => files.list(p)))).flat();
  const snapshotFiles = (await Promise.all(settings.snapshotPaths.map((p) => files.list(p)))).flat();
  const yamlFiles = [...modelFiles, ...seedFiles, ...snapshotFiles].filter((f) => /\.ya?ml$/.test(f));
  const docs = await readSchemaFiles(files, yamlFiles, settings.name, settings.modelPaths);

  const pending: Pending[] = [];
  for (const file of modelFiles.filter((f) => f.endsWith(".sql"))) {
    const sql = await files.read(file);
    pending.push(modelNode(settings, docs, file, sql));
  }
  for (const file of seedFiles.filter((f) => f.endsWith(".csv"))) {
    const name = stem(file);
    const doc = docs.seeds.get(name);
    pending.push({ detail: detailFor(settings, "seed", name, file, settings.seedPaths, doc, "seed"), file, calls: [] });
  }
  for (const file of snapshotFiles.filter((f) => f.endsWith(".sql"))) {
    const sql = await files.read(file);
    const scanned = scanSql(sql);
    const name = scanned.snapshotName ?? stem(file);
    const detail = detailFor(
      settings,
      "snapshot",
      name,
      file,
      settings.snapshotPaths,
      docs.snapshots.get(name),
      "snapshot",
    );
    detail.node.fqn.splice(detail.node.fqn.length - 1, 0, stem(file));
    detail.sql = { raw: sql };
    pending.push({ detail, file, calls: scanned.calls });
  }
  const macros = await readMacros(files, settings);
  const called = macroCallFinder(macros);
  for (const { detail } of pending) detail.macros = detail.sql?.raw ? called(detail.sql.raw) : [];
  const nodes = [...docs.sources.map((s) => s.detail), ...pending.map((p) => p.detail)];
  const unresolved = resolveParents(settings.name, pending, docs);
  return { name: settings.name, nodes, macros, warnings: [...warnings, ...docs.warnings], unresolved };
}

async function readMacros(files: ProjectFiles, settings: ProjectSettings): Promise<MacroInfo[]> {
  const macros: MacroInfo[] = [];
  for (const folder of settings.macroPaths)
    for (const file of (await files.list(folder)).filter((f) => f.endsWith(".sql")))
      macros.push(...readMacroFile(file, await files.read(file), settings.name));
  linkMacroCalls(macros);
  return macros.sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1));
}

async function readProjectSettings(files: ProjectFiles): Promise<ProjectSettings> {
  if (!(await files.exists("dbt_project.yml"))) {
    throw new UserError(
      "No dbt_project.yml in the project folder",
      { file: "dbt_project.yml" },
      "Pass the folder that holds dbt_project.yml, or use --manifest target/manifest.json",
    );
  }
  const doc = parseYamlDocument(await files.read("dbt_project.yml"), "dbt_project.yml");
  const data = (doc && typeof doc === "object" ? doc : {}) as Record<string, unknown>;
  if (typeof data.name !== "string" || data.name === "") {
    throw new UserError(
      "dbt_project.yml has no name",
      { file: "dbt_project.yml" },
      "Add `name: my_project` to dbt_project.yml",
    );
  }
  const paths = (value: unknown, fallback: string[]): string[] =>
    Array.isArray(value)
      ? value.filter((p): p is string => typeof p === "string").map((p) => p.replace(/\/+$/, ""))
      : fallback;
  return {
    name: data.name,
    modelPaths: paths(data["model-paths"] ?? data["source-paths"], ["models"]),
    seedPaths: paths(data["seed-paths"] ?? data["data-paths"], ["seeds"]),
    snapshotPaths: paths(data["snapshot-paths"], ["snapshots"]),
    macroPaths: paths(data["macro-paths"], ["macros"]),
    modelsConfig: data.models,
  };
}

function modelNode(settings: ProjectSettings, docs: SchemaDocs, file: string, sql: string): Pending {
  const scanned = scanSql(sql);
  const fileStem = stem(file);
  let name = fileStem;
  let version: string | undefined;
  let doc = docs.models.get(fileStem);
  for (const [modelName, candidate] of docs.models) {
    const v = candidate.versions.find((ver) => (ver.definedIn ?? `${modelName}_v${ver.v}`) === fileStem);
    if (v) [name, version, doc] = [modelName, v.v, candidate];
  }
  const detail = detailFor(
    settings,
    "model",
    name,
    file,
    settings.modelPaths,
    doc,
    "view",
    scanned.materialized,
    scanned.tags,
  );
  if (version !== undefined) {
    detail.node.uniqueId += `.v${version}`;
    detail.node.version = version;
    detail.node.fqn.push(`v${version}`);
    if (doc?.latestVersion !== undefined) detail.latestVersion = doc.latestVersion;
  }
  detail.sql = { raw: sql };
  return { detail, file, calls: scanned.calls };
}

function detailFor(
  settings: ProjectSettings,
  type: LineageResourceType,
  name: string,
  file: string,
  roots: string[],
  doc: ModelDoc | undefined,
  defaultMaterialized: string,
  sqlMaterialized?: string,
  sqlTags: string[] = [],
): NodeDetail {
  const folders = relativeFolders(file, roots);
  const inherited = type === "model" ? folderConfig(settings.modelsConfig, settings.name, folders) : { tags: [] };
  const config = cleanConfig(doc?.config);
  const materialized =
    sqlMaterialized ??
    (typeof config.materialized === "string" ? config.materialized : undefined) ??
    inherited.materialized ??
    defaultMaterialized;
  const tags = [...new Set([...inherited.tags, ...(doc?.tags ?? []), ...sqlTags])];
  const node: LineageNode = {
    uniqueId: `${type}.${settings.name}.${name}`,
    name,
    resourceType: type,
    packageName: settings.name,
    path: file,
    notePath: "",
    tags,
    fqn: [settings.name, ...folders, name],
    config: { enabled: true, ...config, materialized, ...(tags.length > 0 ? { tags } : {}) },
    description: doc?.description ?? "",
  };
  return {
    node,
    parents: [],
    materialized,
    columns: doc?.columns ?? [],
    tests: doc?.tests ?? [],
    macros: [],
    exposures: [],
  };
}

/** Materialization and tags from dbt_project.yml's `models: <project>: <folder>: ...` tree. */
function folderConfig(tree: unknown, project: string, folders: string[]): { materialized?: string; tags: string[] } {
  const out: { materialized?: string; tags: string[] } = { tags: [] };
  let level = tree && typeof tree === "object" ? (tree as Record<string, unknown>)[project] : undefined;
  for (let depth = 0; level && typeof level === "object"; depth++) {
    const entries = level as Record<string, unknown>;
    const materialized = entries["+materialized"] ?? entries.materialized;
    if (typeof materialized === "string") out.materialized = materialized;
    const tags = entries["+tags"] ?? entries.tags;
    if (typeof tags === "string") out.tags.push(tags);
    else if (Array.isArray(tags)) out.tags.push(...tags.filter((t): t is string => typeof t === "string"));
    if (depth >= folders.length) break;
    level = entries[folders[depth]];
  }
  return out;
}

function resolveParents(project: string, pending: Pending[], docs: SchemaDocs): UnresolvedRef[] {
  const byName = new Map<string, NodeDetail[]>();
  for (const p of pending) byName.set(p.detail.node.name, [...(byName.get(p.detail.node.name) ?? []), p.detail]);
  const sourceIds = new Set(docs.sources.map((s) => s.detail.node.uniqueId));
  const unresolved: UnresolvedRef[] = [];
  for (const p of pending) {
    const parents = new Set<string>();
    for (const call of p.calls) {
      const miss = (callText: string, reason: string): number =>
        unresolved.push({ file: p.file, line: call.line, call: callText, reason });
      if (call.kind === "dynamic")
        miss(call.call, "built from variables or macros: only dbt can resolve it (use --manifest)");
      else if (call.kind === "source") {
        const id = `source.${project}.${call.sourceName}.${call.table}`;
        if (sourceIds.has(id)) parents.add(id);
        else miss(`source('${call.sourceName}', '${call.table}')`, "no such source table in the schema YAML");
      } else {
        const text = `ref(${call.package ? `'${call.package}', ` : ""}'${call.name}'${call.version ? `, v=${call.version}` : ""})`;
        if (call.package && call.package !== project) {
          miss(text, `package "${call.package}" is not read in --project mode`);
          continue;
        }
        const target = pickRef(byName.get(call.name) ?? [], call.version);
        if (target) parents.add(target.node.uniqueId);
        else
          miss(
            text,
            `no model, seed or snapshot named "${call.name}"${call.version ? ` with version ${call.version}` : ""}`,
          );
      }
    }
    p.detail.parents = [...parents].sort();
  }
  return unresolved;
}

/** An unversioned node, the requested version, or (for a bare ref) the latest version. */
function pickRef(candidates: NodeDetail[], version: string | undefined): NodeDetail | undefined {
  if (version !== undefined) return candidates.find((c) => c.node.version === version);
  const plain = candidates.find((c) => c.node.version === undefined);
  if (plain) return plain;
  const latest = candidates[0]?.latestVersion;
  const byVersion = [...candidates].sort((a, b) => Number(b.node.version) - Number(a.node.version));
  return candidates.find((c) => c.node.version === latest) ?? byVersion[0];
}

function stem(file: string): string {
  const base = file.slice(file.lastIndexOf("/") + 1);
  return base.includes(".") ? base.slice(0, base.lastIndexOf(".")) : base;
}

/** Folders between the resource root (models/, seeds/...) and the file, as dbt puts them in the fqn. */
export function relativeFolders(file: string, roots: string[]): string[] {
  const root = roots.find((r) => file.startsWith(`${r}/`));
  const inside = root === undefined ? file : file.slice(root.length + 1);
  return inside.split("/").slice(0, -1);
}
