// Plans the notes of a dbt project (from a manifest or a project folder): one note per node, created,
// updated in its managed parts only, left alone when unchanged, marked removed when the node is gone.
// Nothing is written until the whole plan is made; applyPlan then checks every target first.

import { UserError } from "../errors";
import { parseNote, patchFrontmatter, splitFrontmatter, stringifyNote, type Frontmatter } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { applyPlan, emptyPlan, planWrite, type WritePlan } from "../write-plan";
import { joinVaultPath, type VaultPort } from "../vault";
import { readMany } from "./read-notes";
import { buildGraph, type LineageGraph } from "./graph";
import {
  managedRegion,
  modelFrontmatter,
  OWNED_KEYS,
  ownedPatch,
  removedPatch,
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

export interface ImportOptions {
  /** Lets an import mark more than half of the project's notes removed (`--allow-removals`). */
  allowRemovals?: boolean;
}

/**
 * An import that would mark more than half of the notes removed: most likely the wrong manifest (an
 * empty `nodes`, another project), so it stops. Typed, so the plugin can ask instead of failing.
 */
export class MassRemovalError extends UserError {
  constructor(
    readonly removing: number,
    readonly notes: number,
    folder: string,
  ) {
    super(
      `This import would mark ${removing} of the ${notes} notes in ${folder} removed (their nodes are not in the manifest)`,
      { file: folder },
      "Nothing was written; check that this is the right manifest, or pass --allow-removals to mark them",
    );
    this.name = "MassRemovalError";
  }
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

export async function planImport(
  vault: VaultPort,
  settings: DecpSettings,
  project: DbtProject,
  options: ImportOptions = {},
): Promise<ImportPlan> {
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
  const planNote = (id: string, path: string, frontmatter: Frontmatter, region: string, keys: readonly string[]) => {
    const found = existing.byId.get(id);
    if (found) {
      const pristine = stringifyNote(frontmatter, renderModelBody(region));
      // Fast path: a note nobody touched is compared as text, without parsing its YAML.
      const updated = found.text === pristine ? pristine : mergeNote(found, frontmatter, region, keys);
      if (updated === null)
        report.skipped.push({
          path,
          reason:
            "its %% decp:begin %% / %% decp:end %% markers are missing or repeated (each must stand once, alone on its line); it was left as is",
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
    planNote(
      macro.uniqueId,
      macro.notePath,
      macroFrontmatter(macro, links),
      macroRegion(macro, noteName, links),
      MACRO_OWNED_KEYS,
    );
  }
  const known = new Set([...details.keys(), ...project.macros.map((m) => m.uniqueId)]);
  let marking = 0;
  for (const [id, note] of existing.byId) {
    if (known.has(id)) continue;
    report.removed.push(note.path);
    const marked = patchFrontmatter(note.text, removedPatch, note.path);
    countWrite(plan, report, note.path, marked, `mark ${id} removed`, note.text);
    if (marked !== note.text) marking++;
  }
  if (!options.allowRemovals && marking * 2 > existing.byId.size)
    throw new MassRemovalError(marking, existing.byId.size, folder);
  report.written = plan.writes.length;
  return { plan, report, graph };
}

/** Plans and applies an import; nothing is written when planning fails. */
export async function importDbtProject(
  vault: VaultPort,
  settings: DecpSettings,
  project: DbtProject,
  options: ImportOptions & { onNoteWritten?: (path: string) => void } = {},
): Promise<ImportReport> {
  const { plan, report } = await planImport(vault, settings, project, options);
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

/**
 * Owned frontmatter keys replaced in place (user keys, tags and YAML comments kept); the managed region
 * replaced, the rest of the body kept byte for byte.
 */
function mergeNote(note: ExistingNote, owned: Frontmatter, region: string, keys: readonly string[]): string | null {
  const patched = patchFrontmatter(note.text, (current) => ownedPatch(current, owned, keys), note.path);
  const block = splitFrontmatter(patched);
  const body = replaceRegion(block ? block.body : patched, region);
  if (body === null) return null;
  return (block ? block.head + block.yaml + block.tail : "") + body;
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
