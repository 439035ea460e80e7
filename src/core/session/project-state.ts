// The project's STATE note (STATE template, `type: state`, in the root folder): where the project
// stands, its decisions and invariants. The resume pack carries it as text an agent reads: no
// frontmatter, teaching comments, Dataview queries, link brackets or unfilled template lines.

import { DateTime } from "luxon";
import { parseNote } from "../frontmatter";
import { plainLinks } from "../wikilinks";
import type { DecpSettings } from "../settings";
import { stripTeachingComments } from "../templates";
import { joinVaultPath, parentFolder, type VaultPort } from "../vault";

export interface ProjectState {
  path: string;
  /** The body for the agent; "" when nothing is filled in yet. */
  text: string;
}

const QUERY_FENCE = /^(`{3,}|~{3,})\s*(dataview|dataviewjs|tasks|query)\b[^\n]*\n[\s\S]*?^\1[ \t]*$\n?/gm;

/** A table row whose cells are all empty, or a list item with nothing (or only a label) after it. */
function isUnfilled(line: string): boolean {
  const t = line.trim();
  if (/^\|(\s*\|)+$/.test(t)) return true;
  return /^(?:[-*+]|\d+[.)])(?:\s+[^:]{1,40}:)?\s*$/.test(t);
}

/** Drops headings left with nothing under them (before the next heading of the same or a higher level). */
function dropEmptySections(lines: string[]): string[] {
  const level = (line: string): number => /^(#{1,6})\s/.exec(line)?.[1].length ?? 0;
  return lines.filter((line, i) => {
    const own = level(line);
    if (own === 0) return true;
    for (const next of lines.slice(i + 1)) {
      const l = level(next);
      if (l > 0 && l <= own) return false;
      if (l === 0 && next.trim() !== "") return true;
      if (l > own) return true;
    }
    return false;
  });
}

/** The STATE body as an agent should read it; its title goes, its headings move one level down, under the pack's. */
export function stateForAgent(body: string): string {
  const lines = plainLinks(stripTeachingComments(body).replace(QUERY_FENCE, ""))
    .split("\n")
    .filter((line) => !/^#\s/.test(line))
    .filter((line) => !isUnfilled(line));
  // A table with only its header and separator left says nothing.
  const tables = lines.filter((line, i) => !(/^\s*\|/.test(line) && isHeaderOnlyTable(lines, i)));
  return dropEmptySections(tables)
    .map((line) => line.replace(/^(#{1,5})\s/, "$1# "))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function isHeaderOnlyTable(lines: string[], i: number): boolean {
  let start = i;
  while (start > 0 && /^\s*\|/.test(lines[start - 1])) start--;
  let end = i;
  while (end + 1 < lines.length && /^\s*\|/.test(lines[end + 1])) end++;
  return end - start + 1 <= 2;
}

function stamp(value: unknown, fallback: number): number {
  const at = typeof value === "string" ? DateTime.fromISO(value) : null;
  return at?.isValid ? at.toMillis() : fallback;
}

/** The newest STATE note directly in the root folder (by its `updated`, else its file time), or null. */
export async function readProjectState(vault: VaultPort, settings: DecpSettings): Promise<ProjectState | null> {
  let best: { path: string; body: string; at: number } | null = null;
  for (const path of await vault.list(settings.rootFolder)) {
    if (!path.endsWith(".md") || parentFolder(path) !== joinVaultPath(settings.rootFolder)) continue;
    let note;
    try {
      note = parseNote(await vault.read(path), path);
    } catch {
      continue; // an unreadable note is not the project's state; the pack goes on without it
    }
    if (note.frontmatter.type !== "state") continue;
    const at = stamp(note.frontmatter.updated, (await vault.stat(path))?.mtime ?? 0);
    if (!best || at > best.at) best = { path, body: note.body, at };
  }
  return best && { path: best.path, text: stateForAgent(best.body) };
}
