// A note's text as a model reads it in a pack: no frontmatter, no teaching comments, no Mermaid or
// query blocks (Dataview, decp-loops), links as plain names, no Obsidian-only markup (callout markers,
// highlights, block ids). Code blocks other than diagrams and queries pass through untouched.

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
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
