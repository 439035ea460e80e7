// dbt's schema YAML files (models:, sources:, seeds:, snapshots:): descriptions, columns, tests,
// versions and source tables, for the manifest-free import.

import { parseYamlDocument } from "../frontmatter";
import type { LineageNode } from "./graph";
import { cleanConfig } from "./manifest-config";
import type { ColumnInfo, NodeDetail, TestInfo } from "./project";
import type { ProjectFiles } from "./project-reader";
import { testArguments } from "./test-arguments";

export interface ModelDoc {
  description: string;
  columns: ColumnInfo[];
  tests: TestInfo[];
  tags: string[];
  config: unknown;
  versions: { v: string; definedIn?: string }[];
  latestVersion?: string;
}

export interface SchemaDocs {
  models: Map<string, ModelDoc>;
  seeds: Map<string, ModelDoc>;
  snapshots: Map<string, ModelDoc>;
  sources: { detail: NodeDetail }[];
  warnings: string[];
}

type Json = Record<string, unknown>;

export async function readSchemaFiles(
  files: ProjectFiles,
  yamlFiles: string[],
  project: string,
  modelPaths: string[],
): Promise<SchemaDocs> {
  const docs: SchemaDocs = { models: new Map(), seeds: new Map(), snapshots: new Map(), sources: [], warnings: [] };
  for (const file of yamlFiles) {
    const data = parseYamlDocument(await files.read(file), file);
    if (!isObject(data)) continue;
    for (const [key, target] of [
      ["models", docs.models],
      ["seeds", docs.seeds],
      ["snapshots", docs.snapshots],
    ] as const) {
      for (const entry of list(data[key])) {
        const name = text(entry.name);
        if (!name) {
          docs.warnings.push(`${file}: an entry under ${key}: has no name; skipped`);
          continue;
        }
        if (target.has(name))
          docs.warnings.push(`${file}: ${name} is described twice under ${key}:; the last one wins`);
        target.set(name, readDoc(entry, name));
      }
    }
    for (const source of list(data.sources)) readSource(source, file, project, modelPaths, docs);
  }
  return docs;
}

function readDoc(entry: Json, model: string): ModelDoc {
  const columns: ColumnInfo[] = [];
  const tests: TestInfo[] = [...readTests(entry.data_tests ?? entry.tests, model)];
  for (const column of list(entry.columns)) {
    const name = text(column.name);
    columns.push({ name, description: text(column.description), dataType: text(column.data_type) });
    tests.push(...readTests(column.data_tests ?? column.tests, model, name));
  }
  const config = isObject(entry.config) ? entry.config : {};
  const tags = [...strings(entry.tags), ...strings(config.tags)];
  const doc: ModelDoc = {
    description: text(entry.description),
    columns,
    tests: tests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    tags,
    config,
    versions: list(entry.versions)
      .map((v) => ({ v: text(v.v), ...(v.defined_in ? { definedIn: text(v.defined_in) } : {}) }))
      .filter((v) => v.v !== ""),
  };
  if (entry.latest_version !== undefined) doc.latestVersion = text(entry.latest_version);
  return doc;
}

/** `- unique`, `- relationships: {...}` or `- name: x` + `test_name: y`: named as dbt names them. */
function readTests(value: unknown, model: string, column?: string): TestInfo[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): TestInfo[] => {
    const kind =
      typeof item === "string"
        ? item
        : isObject(item)
          ? text(item.test_name) || Object.keys(item).find((k) => k !== "name" && k !== "config") || ""
          : "";
    if (!kind) return [];
    const named = isObject(item) && typeof item.name === "string" ? item.name : undefined;
    const info: TestInfo = {
      name: named ?? [kind.replace(/^.*\./, ""), model, column].filter(Boolean).join("_"),
      kind: kind.replace(/^.*\./, ""),
    };
    if (column) info.column = column;
    // `- relationships: {to: ..., field: ...}`, `- name: x` + `test_name: y` + arguments beside them; dbt
    // 1.10 nests them under `arguments:`.
    const block = isObject(item) ? (isObject(item[kind]) ? item[kind] : item) : {};
    Object.assign(info, testArguments(info.kind, isObject(block.arguments) ? block.arguments : block));
    return [info];
  });
}

function readSource(source: Json, file: string, project: string, modelPaths: string[], docs: SchemaDocs): void {
  const sourceName = text(source.name);
  if (!sourceName) {
    docs.warnings.push(`${file}: a source has no name; skipped`);
    return;
  }
  const root = modelPaths.find((p) => file.startsWith(`${p}/`));
  const folders = (root === undefined ? file : file.slice(root.length + 1)).split("/").slice(0, -1);
  for (const table of list(source.tables)) {
    const name = text(table.name);
    if (!name) continue;
    const doc = readDoc(table, `source_${sourceName}_${name}`);
    const node: LineageNode = {
      uniqueId: `source.${project}.${sourceName}.${name}`,
      name,
      resourceType: "source",
      packageName: project,
      path: file,
      notePath: "",
      tags: [...new Set([...strings(source.tags), ...doc.tags])],
      fqn: [project, ...folders, sourceName, name],
      config: { enabled: true, ...cleanConfig(source.config), ...cleanConfig(table.config) },
      description: doc.description || text(source.description),
      sourceName,
    };
    docs.sources.push({
      detail: { node, parents: [], columns: doc.columns, tests: doc.tests, macros: [], exposures: [] },
    });
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : "";
}

function strings(value: unknown): string[] {
  return typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.filter((v): v is string => typeof v === "string")
      : [];
}
