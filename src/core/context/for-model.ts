// A note's text as a model reads it in a pack: no frontmatter, no teaching comments, no Mermaid or
// query blocks (Dataview, decp-loops), links as plain names, no Obsidian-only markup (callout markers,
// highlights, block ids), no sections left empty (a template's heading whose teaching comment was all
// it held). Code blocks other than diagrams and queries pass through untouched.

import { stripTeachingComments } from "../templates";
import { plainLinks } from "../wikilinks";

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/;
const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([\w-]*)/;
/** Blocks Obsidian renders into something else: the source means nothing to a model. */
const RENDERED_BLOCKS = new Set(["mermaid", "dataview", "dataviewjs", "query", "decp-loops", "tasks"]);

function prose(line: string): string {
  return plainLinks(line)
    .replace(/^(\s*(?:>\s*)+)\[!(\w+)\][+-]?\s*/, (_m, quote: string, kind: string) => {
      const label = kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();
      return `${quote}${label}: `;
    })
    .replace(/==([^=\n]+)==/g, "$1")
    .replace(/\s\^[\w-]+$/, "");
}

export function noteForModel(text: string): string {
  const body = stripTeachingComments(text.replace(/\r\n/g, "\n")).replace(FRONTMATTER, "");
  const out: string[] = [];
  let fence: { marker: string; drop: boolean } | null = null;
  for (const line of body.split("\n")) {
    if (fence) {
      const closes = line.trim().startsWith(fence.marker) && line.trim().replace(/[`~]/g, "") === "";
      if (!fence.drop) out.push(line);
      if (closes) fence = null;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = { marker: open[1], drop: RENDERED_BLOCKS.has(open[2].toLowerCase()) };
      if (!fence.drop) out.push(line);
      continue;
    }
    out.push(prose(line));
  }
  return withoutEmptySections(out)
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const HEADING = /^(#{1,6})\s/;

/** Drops a section heading with nothing under it before the next heading of its level or above (fence-aware). */
function withoutEmptySections(lines: string[]): string[] {
  const level = (line: string | undefined) => HEADING.exec(line ?? "")?.[1].length ?? 0;
  const kept: string[] = [];
  let inFence = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (FENCE_OPEN.test(line)) inFence = !inFence;
    const own = inFence ? 0 : level(line);
    // A title (level 1) names the note even when nothing follows it.
    if (own > 1) {
      // What follows it in the kept lines (read backwards, so kept is reversed): blank lines, then either
      // content, a deeper heading (content too), or a heading of its level or above (nothing of its own).
      let next = kept.length - 1;
      while (next >= 0 && kept[next].trim() === "") next--;
      const after = next >= 0 ? level(kept[next]) : 0;
      if (next < 0 || (after > 0 && after <= own)) continue;
    }
    kept.push(line);
  }
  return kept.reverse();
}
