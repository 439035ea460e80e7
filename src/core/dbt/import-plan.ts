// Plans the notes of a dbt project (from a manifest or a project folder): one note per node, created,
// updated in its managed parts only, left alone when unchanged, marked removed when the node is gone.
// Nothing is written until the whole plan is made; applyPlan then checks every target first.

import { UserError } from "../errors";
import { patchFrontmatter, splitFrontmatter, stringifyNote, type Frontmatter } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { applyPlan, emptyPlan, planCreate, planWrite, type WritePlan } from "../write-plan";
import { joinVaultPath, type VaultFileStat, type VaultPort } from "../vault";
import { readExistingNotes, textOf } from "./existing-notes";
import {
  macroFingerprint,
  nodeFingerprint,
  stateAfterImport,
  usableState,
  type ImportState,
  type ImportStateStore,
} from "./import-state";
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
import { analyseProjectColumns, columnCacheOf, sameColumnCache, type ColumnCache } from "./column-usage";
import { columnNoteData } from "./model-note-columns";
import { emptyReport, type ImportReport } from "./import-report";
import type { DbtProject, NodeDetail } from "./project";

export interface ImportOptions {
  /** Lets an import mark more than half of the project's notes removed (`--allow-removals`). */
  allowRemovals?: boolean;
  /** What the last import left (null: nothing yet, but fingerprint this one): notes it knows,
   * unchanged on disk and in the project, are skipped. Undefined: no state is kept. */
  state?: ImportState | null;
  /** Analyse column usage from compiled SQL (default true; off only to measure what it costs). */
  columns?: boolean;
  /** Column usage the last import analysed: models whose inputs are unchanged keep it (not parsed again). */
  columnCache?: ColumnCache | null;
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
  /** unique_id -> fingerprint and path of each node note in its final form (not those left alone). */
  imported: Map<string, { fingerprint: string; path: string }>;
  /** Stats taken while planning, for notes the plan does not write. */
  stats: Map<string, VaultFileStat>;
  /** Every model's column usage with the key of its inputs, for the next import (absent: analysis off). */
  columns?: ColumnCache;
}

export async function planImport(
  vault: VaultPort,
  settings: DecpSettings,
  project: DbtProject,
  options: ImportOptions = {},
): Promise<ImportPlan> {
  const withColumns = options.columns !== false;
  const analysis = withColumns ? await analyseProjectColumns(project, undefined, options.columnCache) : undefined;
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
  const existing = await readExistingNotes(vault, folder, options.state ?? null);
  const report = emptyReport(project, folder);
  if (analysis) report.columnUsage = analysis;
  const plan = emptyPlan();

  for (const detail of project.nodes) {
    const id = detail.node.uniqueId;
    const noteName = names.get(id)!;
    const found = existing.byId.get(id);
    const path = found?.path ?? notePathFor(detail.node, noteName, settings.dbtFolder, project.name);
    detail.node.notePath = path;
  }
  const state = options.state ?? null;
  const imported: ImportPlan["imported"] = new Map();
  const columnData = withColumns ? columnNoteData(project, graph, names) : undefined;
  for (const macro of project.macros)
    macro.notePath =
      existing.byId.get(macro.uniqueId)?.path ??
      notePathFor(macro, macroNames.get(macro.uniqueId)!, settings.dbtFolder, project.name);
  /** Plans one note; `fingerprint` and `render` are called only when needed (a vouched-for note is skipped). */
  const planNote = async (
    id: string,
    path: string,
    fingerprintOf: () => string,
    render: () => { frontmatter: Frontmatter; region: string },
    keys: readonly string[],
  ): Promise<void> => {
    const found = existing.byId.get(id);
    // Fingerprints are taken whenever the caller keeps a state (null: none saved yet).
    const fingerprint = options.state !== undefined ? fingerprintOf() : "";
    const last = state?.notes[id];
    // The note is as the last import left it (its stat vouches for that) and renders from the same
    // inputs: nothing to read, render or write.
    if (found && found.text === undefined && last?.fingerprint === fingerprint && last.path === path) {
      report.unchanged++;
      imported.set(id, { fingerprint, path });
      return;
    }
    if (found) {
      const { frontmatter, region } = render();
      const text = await textOf(vault, found);
      const pristine = stringifyNote(frontmatter, renderModelBody(region));
      // Fast path: a note nobody touched is compared as text, without parsing its YAML.
      const updated = text === pristine ? pristine : mergeNote({ path: found.path, text }, frontmatter, region, keys);
      if (updated === null)
        report.skipped.push({
          path,
          reason:
            "its %% decp:begin %% / %% decp:end %% markers are missing or repeated (each must stand once, alone on its line); it was left as is",
        });
      else {
        countWrite(plan, report, path, updated, `update ${id}`, text);
        imported.set(id, { fingerprint, path });
      }
    } else if (existing.paths.has(path)) {
      report.skipped.push({ path, reason: `a note that is not ${id} is already there; move it to import this node` });
    } else {
      // Rendered when written: a first import of 20,000 models never holds every note's text at once.
      planCreate(
        plan,
        path,
        () => {
          const { frontmatter, region } = render();
          return stringifyNote(frontmatter, renderModelBody(region));
        },
        `create ${id}`,
      );
      report.created++;
      imported.set(id, { fingerprint, path });
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
    const neighbour = (n: string) => ({ id: n, name: names.get(n)!, detail: details.get(n) });
    await planNote(
      id,
      detail.node.notePath,
      () =>
        nodeFingerprint(
          detail,
          names.get(id)!,
          links,
          { parents: graph.parents.get(id)!.map(neighbour), children: graph.children.get(id)!.map(neighbour) },
          withColumns,
        ),
      () => {
        const columns = columnData?.(id);
        return {
          frontmatter: modelFrontmatter(detail, links, columns),
          region: managedRegion(detail, names.get(id)!, links, columns),
        };
      },
      OWNED_KEYS,
    );
  }
  const callers = macroCallers(project, names, macroNames);
  for (const macro of project.macros) {
    const links = { calls: macroNoteNames(macro.macros), calledBy: callers.get(macro.uniqueId) ?? [] };
    const noteName = macroNames.get(macro.uniqueId)!;
    await planNote(
      macro.uniqueId,
      macro.notePath,
      () => macroFingerprint(macro, noteName, links),
      () => ({ frontmatter: macroFrontmatter(macro, links), region: macroRegion(macro, noteName, links) }),
      MACRO_OWNED_KEYS,
    );
  }
  const known = new Set([...details.keys(), ...project.macros.map((m) => m.uniqueId)]);
  let marking = 0;
  for (const [id, note] of existing.byId) {
    if (known.has(id)) continue;
    report.removed.push(note.path);
    const text = await textOf(vault, note);
    const marked = patchFrontmatter(text, removedPatch, note.path);
    countWrite(plan, report, note.path, marked, `mark ${id} removed`, text);
    if (marked !== text) marking++;
  }
  if (!options.allowRemovals && marking * 2 > existing.byId.size)
    throw new MassRemovalError(marking, existing.byId.size, folder);
  report.written = plan.writes.length;
  return {
    plan,
    report,
    graph,
    imported,
    stats: existing.stats,
    ...(withColumns ? { columns: columnCacheOf(project) } : {}),
  };
}

/** Plans and applies an import; nothing is written when planning fails. */
export async function importDbtProject(
  vault: VaultPort,
  settings: DecpSettings,
  project: DbtProject,
  options: ImportOptions & {
    onNoteWritten?: (path: string) => void;
    /** Where the import state lives (CLI); with it, a re-import skips what did not change. */
    stateStore?: ImportStateStore;
    /** The adapter's hash of the manifest file, for the byte-identical fast path next time. */
    manifestHash?: string;
    /** The manifest's digest (scanManifest), for the fresh-compile fast path next time. */
    manifestDigest?: string;
  } = {},
): Promise<ImportReport> {
  const store = options.stateStore;
  const state = store ? usableState(await store.load(project.name).catch(() => null)) : null;
  const columnCache = store ? await store.loadColumns(project.name).catch(() => null) : null;
  const planned = await planImport(vault, settings, project, { ...options, state, columnCache });
  const { written } = await applyPlan(vault, planned.plan, { onWritten: options.onNoteWritten });
  planned.report.written = written.length;
  if (store) {
    await store.save(await stateAfterImport(vault, planned, written, options.manifestHash, options.manifestDigest));
    if (planned.columns && !sameColumnCache(columnCache, planned.columns))
      await store.saveColumns(project.name, planned.columns);
  }
  return planned.report;
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
function mergeNote(
  note: { path: string; text: string },
  owned: Frontmatter,
  region: string,
  keys: readonly string[],
): string | null {
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
    if (caller === undefined) return;
    const list = callers.get(callee);
    if (list) list.push(caller);
    else callers.set(callee, [caller]);
  };
  for (const detail of project.nodes) for (const m of detail.macros) add(m, names.get(detail.node.uniqueId));
  for (const macro of project.macros) for (const m of macro.macros) add(m, macroNames.get(macro.uniqueId));
  for (const list of callers.values()) list.sort();
  return callers;
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
