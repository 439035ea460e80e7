// Plans the notes of a dbt project (from a manifest or a project folder): one note per node, created,
// updated in its managed parts only, left alone when unchanged, marked removed when the node is gone.
// Nothing is written until the whole plan is made; applyPlan then checks every target first.

import { parseNote, stringifyNote, type Frontmatter } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { applyPlan, emptyPlan, planWrite, type WritePlan } from "../write-plan";
import { joinVaultPath, type VaultPort } from "../vault";
import { readMany } from "./read-notes";
import { buildGraph, type LineageGraph } from "./graph";
import {
  managedRegion,
  modelFrontmatter,
  OWNED_KEYS,
  renderModelBody,
  replaceRegion,
  type NoteLinks,
} from "./model-note";
import { macroFrontmatter, MACRO_OWNED_KEYS, macroRegion } from "./macro-note";
import { assignMacroNoteNames, assignNoteNames, notePathFor, safeNoteName } from "./note-names";
import type { DbtProject, NodeDetail, UnresolvedRef } from "./project";

export interface ImportReport {
  project: string;
  folder: string;
  models: number;
  sources: number;
  seeds: number;
  snapshots: number;
  /** The project's own macros, one note each. */
  macros: number;
  created: number;
  updated: number;
  written: number;
  unchanged: number;
  /** Notes of nodes no longer in the project, marked `status: removed` (never deleted). */
  removed: string[];
  /** Notes left alone, with why (markers removed by the user, a foreign note in the way). */
  skipped: { path: string; reason: string }[];
  unresolved: UnresolvedRef[];
  warnings: string[];
}

export interface ImportPlan {
  plan: WritePlan;
  report: ImportReport;
  graph: LineageGraph;
}

interface ExistingNote {
  path: string;
  text: string;
}

export async function planImport(vault: VaultPort, settings: DecpSettings, project: DbtProject): Promise<ImportPlan> {
  const folder = joinVaultPath(settings.dbtFolder, safeNoteName(project.name));
  const details = new Map<string, NodeDetail>(project.nodes.map((d) => [d.node.uniqueId, d]));
  const graph = buildGraph(
    project.nodes.map((d) => d.node),
    (id) => details.get(id)?.parents ?? [],
  );
  const names = assignNoteNames(
    project.nodes.map((d) => d.node),
    project.name,
    latestVersions(project),
  );
  const macroNames = assignMacroNoteNames(project.macros, names.values());
  const existing = await readExistingNotes(vault, folder);
  const report = emptyReport(project, folder);
  const plan = emptyPlan();

  for (const detail of project.nodes) {
    const id = detail.node.uniqueId;
    const noteName = names.get(id)!;
    const found = existing.byId.get(id);
    const path = found?.path ?? notePathFor(detail.node, noteName, settings.dbtFolder, project.name);
    detail.node.notePath = path;
  }
  for (const macro of project.macros)
    macro.notePath =
      existing.byId.get(macro.uniqueId)?.path ??
      notePathFor(macro, macroNames.get(macro.uniqueId)!, settings.dbtFolder, project.name);
  const planNote = (id: string, path: string, frontmatter: Frontmatter, region: string, owned: readonly string[]) => {
    const found = existing.byId.get(id);
    if (found) {
      const pristine = stringifyNote(frontmatter, renderModelBody(region));
      // Fast path: a note nobody touched is compared as text, without parsing its YAML.
      const updated = found.text === pristine ? pristine : mergeNote(found, frontmatter, region, owned);
      if (updated === null)
        report.skipped.push({
          path,
          reason: "the decp:begin / decp:end markers were removed; the note was left as is",
        });
      else countWrite(plan, report, path, updated, `update ${id}`, found.text);
    } else if (existing.paths.has(path)) {
      report.skipped.push({ path, reason: `a note that is not ${id} is already there; move it to import this node` });
    } else {
      countWrite(plan, report, path, stringifyNote(frontmatter, renderModelBody(region)), `create ${id}`);
    }
  };
  const macroNoteNames = (ids: string[]) =>
    ids
      .map((m) => macroNames.get(m))
      .filter((n): n is string => n !== undefined)
      .sort();
  for (const detail of project.nodes) {
    const id = detail.node.uniqueId;
    const links: NoteLinks = {
      upstream: graph.parents
        .get(id)!
        .map((p) => names.get(p)!)
        .sort(),
      downstream: graph.children
        .get(id)!
        .map((c) => names.get(c)!)
        .sort(),
      macros: macroNoteNames(detail.macros),
    };
    const region = managedRegion(detail, names.get(id)!, links);
    planNote(id, detail.node.notePath, modelFrontmatter(detail, links), region, OWNED_KEYS);
  }
  const callers = macroCallers(project, names, macroNames);
  for (const macro of project.macros) {
    const links = { calls: macroNoteNames(macro.macros), calledBy: callers.get(macro.uniqueId) ?? [] };
    const noteName = macroNames.get(macro.uniqueId)!;
    planNote(macro.uniqueId, macro.notePath, macroFrontmatter(macro, links), macroRegion(macro, noteName, links), [
      ...MACRO_OWNED_KEYS,
    ]);
  }
  const known = new Set([...details.keys(), ...project.macros.map((m) => m.uniqueId)]);
  for (const [id, note] of existing.byId) {
    if (known.has(id)) continue;
    const parsed = parseNote(note.text, note.path);
    report.removed.push(note.path);
    if (parsed.frontmatter.status === "removed") {
      report.unchanged++;
      continue;
    }
    countWrite(
      plan,
      report,
      note.path,
      stringifyNote({ ...parsed.frontmatter, status: "removed" }, parsed.body),
      `mark ${id} removed`,
      note.text,
    );
  }
  report.written = plan.writes.length;
  return { plan, report, graph };
}

/** Plans and applies an import; nothing is written when planning fails. */
export async function importDbtProject(
  vault: VaultPort,
  settings: DecpSettings,
  project: DbtProject,
  options: { onNoteWritten?: (path: string) => void } = {},
): Promise<ImportReport> {
  const { plan, report } = await planImport(vault, settings, project);
  const { written } = await applyPlan(vault, plan, { onWritten: options.onNoteWritten });
  report.written = written.length;
  return report;
}

function countWrite(
  plan: WritePlan,
  report: ImportReport,
  path: string,
  content: string,
  reason: string,
  existing?: string,
): void {
  const before = plan.writes.length;
  planWrite(plan, path, content, reason, existing);
  if (plan.writes.length === before) report.unchanged++;
  else if (existing === undefined) report.created++;
  else report.updated++;
}

/** Owned frontmatter keys replaced in place, user keys kept; the managed region replaced, the rest kept. */
function mergeNote(note: ExistingNote, owned: Frontmatter, region: string, keys: readonly string[]): string | null {
  const parsed = parseNote(note.text, note.path);
  const body = replaceRegion(parsed.body, region);
  if (body === null) return null;
  const frontmatter = { ...parsed.frontmatter };
  for (const key of keys) {
    if (key in owned) frontmatter[key] = owned[key];
    else delete frontmatter[key];
  }
  return stringifyNote(frontmatter, body);
}

/** Note names of the models and macros that call each macro, sorted. */
function macroCallers(
  project: DbtProject,
  names: Map<string, string>,
  macroNames: Map<string, string>,
): Map<string, string[]> {
  const callers = new Map<string, string[]>();
  const add = (callee: string, caller: string | undefined) => {
    if (caller !== undefined) callers.set(callee, [...(callers.get(callee) ?? []), caller]);
  };
  for (const detail of project.nodes) for (const m of detail.macros) add(m, names.get(detail.node.uniqueId));
  for (const macro of project.macros) for (const m of macro.macros) add(m, macroNames.get(macro.uniqueId));
  for (const list of callers.values()) list.sort();
  return callers;
}

async function readExistingNotes(
  vault: VaultPort,
  folder: string,
): Promise<{ byId: Map<string, ExistingNote>; paths: Set<string> }> {
  const byId = new Map<string, ExistingNote>();
  const paths = new Set<string>();
  const all = await vault.list(folder);
  for (const path of all) paths.add(path);
  const notes = all.filter((p) => p.endsWith(".md"));
  const texts = await readMany(vault, notes);
  for (let i = 0; i < notes.length; i++) {
    const path = notes[i];
    const text = texts[i];
    const id = uniqueIdOf(text, path);
    if (id !== undefined && !byId.has(id)) byId.set(id, { path, text });
  }
  return { byId, paths };
}

/** The note's unique_id; read with a line match first (importing 5,000 notes should not parse 5,000 YAML blocks). */
function uniqueIdOf(text: string, path: string): string | undefined {
  if (!text.startsWith("---")) return undefined;
  const end = text.indexOf("\n---", 3);
  const block = end < 0 ? text : text.slice(0, end);
  const line = /^unique_id:[ \t]*(.*)$/m.exec(block);
  if (!line) return undefined;
  const value = line[1].trim();
  if (/^[\w.-]+$/.test(value)) return value;
  const parsed = parseNote(text, path).frontmatter.unique_id;
  return typeof parsed === "string" ? parsed : undefined;
}

function latestVersions(project: DbtProject): Map<string, string> {
  const latest = new Map<string, string>();
  const stated = new Map<string, string>();
  for (const { node, latestVersion } of project.nodes)
    if (latestVersion !== undefined) stated.set(`${node.packageName}.${node.name}`, latestVersion);
  for (const { node } of project.nodes) {
    if (node.version === undefined) continue;
    const key = `${node.packageName}.${node.name}`;
    if (stated.has(key)) {
      latest.set(key, stated.get(key)!);
      continue;
    }
    const current = latest.get(key);
    if (current === undefined || compareVersions(node.version, current) > 0) latest.set(key, node.version);
  }
  return latest;
}

function compareVersions(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na - nb : a.localeCompare(b);
}

function emptyReport(project: DbtProject, folder: string): ImportReport {
  const count = (type: string): number => project.nodes.filter((d) => d.node.resourceType === type).length;
  return {
    project: project.name,
    folder,
    models: count("model"),
    sources: count("source"),
    seeds: count("seed"),
    snapshots: count("snapshot"),
    macros: project.macros.length,
    created: 0,
    updated: 0,
    written: 0,
    unchanged: 0,
    removed: [],
    skipped: [],
    unresolved: project.unresolved,
    warnings: project.warnings,
  };
}

/** The summary both adapters show after an import (stdout, a Notice). */
export function describeImport(report: ImportReport): string {
  const lines = [
    `Imported ${report.project} into ${report.folder}: ${report.models} models, ${report.sources} sources, ${report.seeds} seeds, ${report.snapshots} snapshots, ${report.macros} macros.`,
    `${report.written} notes written (${report.created} new, ${report.updated} updated), ${report.unchanged} unchanged.`,
  ];
  if (report.removed.length > 0)
    lines.push(
      `${report.removed.length} notes marked removed (their nodes left the project):`,
      ...report.removed.map((p) => `  ${p}`),
    );
  if (report.skipped.length > 0)
    lines.push(`${report.skipped.length} notes left alone:`, ...report.skipped.map((s) => `  ${s.path}: ${s.reason}`));
  if (report.unresolved.length > 0)
    lines.push(
      `${report.unresolved.length} refs could not be resolved statically:`,
      ...report.unresolved.map((u) => `  ${u.file}:${u.line}: ${u.call}: ${u.reason}`),
    );
  for (const warning of report.warnings) lines.push(`Note: ${warning}`);
  return lines.join("\n");
}
