// A fast reader for the frontmatter decp writes (the subset yaml-fast.ts writes): model notes carry
// thousands of wikilinks, and the yaml package took 10-15 s to read 5,000 of them. Safe by
// construction: an answer is returned only when writing it back with fastYaml gives the very same
// text, and fastYaml is property-tested to write exactly what the yaml package writes; anything else
// returns null and goes to the yaml package (which also reports errors).

import { fastYaml } from "./yaml-fast";

const ENTRY = /^([A-Za-z_][A-Za-z0-9_.-]*):(?: (.*))?$/;

function scalar(text: string): unknown {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  if (text === "null") return null;
  if (text === "true" || text === "false") return text === "true";
  if (/^-?[0-9]{1,16}$/.test(text)) return Number(text);
  return text;
}

/** Reads the block mapping at `indent` from lines[at]; returns the map and the next line, or null. */
function readMap(lines: string[], at: number, indent: string): { map: Record<string, unknown>; next: number } | null {
  const map: Record<string, unknown> = {};
  let i = at;
  while (i < lines.length && lines[i].startsWith(indent) && lines[i][indent.length] !== " ") {
    const entry = ENTRY.exec(lines[i].slice(indent.length));
    if (!entry) return null;
    const [, key, value] = entry;
    i++;
    if (value === "[]") map[key] = [];
    else if (value === "{}") map[key] = {};
    else if (value !== undefined) map[key] = scalar(value);
    else if (lines[i]?.startsWith(indent + "  - ")) {
      const items: unknown[] = [];
      while (lines[i]?.startsWith(indent + "  - ")) items.push(scalar(lines[i++].slice(indent.length + 4)));
      map[key] = items;
    } else if (lines[i]?.startsWith(indent + "  ")) {
      const nested = readMap(lines, i, indent + "  ");
      if (!nested) return null;
      map[key] = nested.map;
      i = nested.next;
    } else return null;
  }
  return { map, next: i };
}

/** The frontmatter in `text` (the YAML between the --- lines), or null when it is not in the subset. */
export function fastReadYaml(text: string): Record<string, unknown> | null {
  // gray-matter hands the engine the block from the newline after the opening ---.
  const block = text.startsWith("\n") ? text.slice(1) : text;
  const yaml = block.endsWith("\n") ? block : block + "\n";
  const lines = yaml.slice(0, -1).split("\n");
  const read = readMap(lines, 0, "");
  if (!read || read.next !== lines.length) return null;
  return fastYaml(read.map) === yaml ? read.map : null;
}
