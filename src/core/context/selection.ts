// What a tally or pack is about, as the user chose it: paths (notes or folders), a tag, the notes
// linked from a note to depth n, a dbt selector, the current note or files picked in the explorer.
// Adapters collect the choice; core resolves it to vault paths.

import { UserError } from "../errors";
import { normalizeVaultPath, type VaultPort } from "../vault";
import { hasTag } from "./links";
import type { NoteGraph } from "./note-graph";

export type Selection =
  | { kind: "paths"; paths: string[] }
  | { kind: "tag"; tag: string }
  | { kind: "links"; from: string; depth: number }
  | { kind: "dbt"; selector: string; exclude?: string }
  | { kind: "vault" };

/** dbt selection over model notes: selector -> vault paths of the selected nodes' notes. */
export type DbtNoteSelector = (selector: string, exclude?: string) => Promise<string[]>;

export interface ResolvedSelection {
  paths: string[];
  /** One line for headers and records: "tag #finance", "linked from fct_orders (depth 2)". */
  label: string;
}

export interface SelectionSources {
  vault: VaultPort;
  /** Needed for tag and link selections and note-name paths; built once by the caller. */
  graph?: () => Promise<NoteGraph>;
  selectDbt?: DbtNoteSelector;
}

export async function resolveSelection(selection: Selection, sources: SelectionSources): Promise<ResolvedSelection> {
  switch (selection.kind) {
    case "vault":
      return { paths: await sources.vault.list(), label: "whole vault" };
    case "paths":
      return { paths: await resolvePaths(selection.paths, sources), label: selection.paths.join(", ") };
    case "tag": {
      const graph = await requireGraph(sources);
      const tag = selection.tag.replace(/^#/, "").trim();
      if (!tag) throw new UserError("No tag given", {}, "Pass a tag such as #finance");
      const paths = [...graph.notes.values()].filter((n) => hasTag(n.tags, tag)).map((n) => n.path);
      return { paths, label: `tag #${tag}` };
    }
    case "links": {
      const graph = await requireGraph(sources);
      const start = graph.findNote(selection.from);
      return {
        paths: linkedNotes(graph, start.path, selection.depth),
        label: `linked from ${start.name} (depth ${selection.depth})`,
      };
    }
    case "dbt": {
      if (!sources.selectDbt)
        throw new UserError("dbt selection is not available here", {}, "Import a dbt project first");
      const paths = await sources.selectDbt(selection.selector, selection.exclude);
      const label = selection.exclude
        ? `dbt ${selection.selector} --exclude ${selection.exclude}`
        : `dbt ${selection.selector}`;
      return { paths, label };
    }
  }
}

async function requireGraph(sources: SelectionSources): Promise<NoteGraph> {
  if (!sources.graph) throw new Error("resolveSelection: this selection needs the note graph");
  return sources.graph();
}

/** Files and folders (recursive) by path; a bare name falls back to the note with that name. */
async function resolvePaths(inputs: string[], sources: SelectionSources): Promise<string[]> {
  const out = new Set<string>();
  for (const input of inputs) {
    const path = normalizeVaultPath(input);
    if (path === "") {
      for (const p of await sources.vault.list()) out.add(p);
      continue;
    }
    if (await sources.vault.stat(path)) {
      out.add(path);
      continue;
    }
    const inFolder = await sources.vault.list(path);
    if (inFolder.length > 0) {
      for (const p of inFolder) out.add(p);
      continue;
    }
    if (await sources.vault.stat(path + ".md")) {
      out.add(path + ".md");
      continue;
    }
    if (sources.graph) {
      const found = (await sources.graph()).resolve(path);
      if (found) {
        out.add(found);
        continue;
      }
    }
    throw new UserError(
      `"${input}" is neither a file, a folder nor a note in the vault`,
      { file: input },
      "Check the spelling; paths are relative to the vault folder",
    );
  }
  return [...out].sort();
}

/** The start note and every note reachable through its outgoing links within `depth` hops. */
export function linkedNotes(graph: NoteGraph, start: string, depth: number): string[] {
  if (!Number.isInteger(depth) || depth < 0)
    throw new UserError(`Depth "${depth}" is not a whole number of hops`, {}, "Use 0, 1, 2, ...");
  const seen = new Set([start]);
  let frontier = [start];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const path of frontier) {
      for (const target of graph.notes.get(path)?.links ?? []) {
        if (!seen.has(target)) {
          seen.add(target);
          next.push(target);
        }
      }
    }
    frontier = next;
  }
  return [...seen].sort();
}
