// Replaces or appends one heading's section in a note, touching nothing else. A section runs to the
// next heading of the same or a higher level (headings inside code fences do not count).

interface Heading {
  line: number;
  level: number;
  text: string;
}

function headings(lines: string[]): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1][0];
      else if (f[1][0] === fence) fence = null;
      return;
    }
    if (fence !== null) return;
    const h = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) out.push({ line: i, level: h[1].length, text: h[2] });
  });
  return out;
}

/** Start and end line (exclusive) of the section under `title` at `level`, or null. */
export function findSection(text: string, level: number, title: string): { start: number; end: number } | null {
  const lines = text.split("\n");
  const all = headings(lines);
  const index = all.findIndex((h) => h.level === level && h.text.toLowerCase() === title.toLowerCase());
  if (index < 0) return null;
  const next = all.slice(index + 1).find((h) => h.level <= level);
  return { start: all[index].line, end: next ? next.line : lines.length };
}

/** The body of a section (without its heading line), or null. */
export function readSection(text: string, level: number, title: string): string | null {
  const range = findSection(text, level, title);
  if (!range) return null;
  return text
    .split("\n")
    .slice(range.start + 1, range.end)
    .join("\n");
}

/**
 * Puts `body` under the heading: in place when the section exists, else appended after a blank
 * line. `body` ends without a trailing newline; one blank line separates it from what follows.
 */
export function upsertSection(text: string, level: number, title: string, body: string): string {
  const block = [`${"#".repeat(level)} ${title}`, ...body.replace(/\n+$/, "").split("\n")];
  const range = findSection(text, level, title);
  if (!range) {
    const trimmed = text.replace(/\n+$/, "");
    return (trimmed ? `${trimmed}\n\n` : "") + block.join("\n") + "\n";
  }
  const lines = text.split("\n");
  const after = lines.slice(range.end);
  const tail = after.length && after.some((l) => l !== "") ? ["", ...after] : [""];
  return [...lines.slice(0, range.start), ...block, ...tail].join("\n");
}
