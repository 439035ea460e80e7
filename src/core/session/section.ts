// Markdown sections of a note, found the way CommonMark (and so Obsidian) reads them: an ATX heading
// opens a section that runs to the next heading of the same or a higher level; headings inside a
// fenced code block do not count, and a fence left open runs to the end of the note. Section writes
// only ever insert: every byte already in the note stays where it was.

export interface Heading {
  /** 0-based line index. */
  line: number;
  level: number;
  text: string;
}

export interface NoteOutline {
  lines: string[];
  headings: Heading[];
  /** The fence still open at the end of the note (an unclosed code block), or null. */
  openFence: string | null;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;

/** Lines without their line ending ("\r\n" or "\n"). */
function splitLines(text: string): string[] {
  return text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

export function outline(text: string): NoteOutline {
  const lines = splitLines(text);
  const headings: Heading[] = [];
  let fence: string | null = null;
  lines.forEach((line, i) => {
    if (fence !== null) {
      // A closing fence: the same character, at least as long, nothing after it but spaces.
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      return;
    }
    const open = FENCE_OPEN.exec(line);
    // A backtick fence's info string may not contain backticks ("```a`b" is inline code, not a fence).
    if (open && !(open[1][0] === "`" && open[2].includes("`"))) {
      fence = open[1];
      return;
    }
    const h = ATX_HEADING.exec(line);
    if (h) headings.push({ line: i, level: h[1].length, text: (h[2] ?? "").trim() });
  });
  return { lines, headings, openFence: fence };
}

export interface SectionRange {
  heading: Heading;
  /** Line of the heading. */
  start: number;
  /** First line after the section (exclusive); lines.length when it runs to the end. */
  end: number;
}

/** Every section at `level` whose heading text passes `matches`, in note order. */
export function findSections(note: NoteOutline, level: number, matches: (text: string) => boolean): SectionRange[] {
  const out: SectionRange[] = [];
  note.headings.forEach((heading, index) => {
    if (heading.level !== level || !matches(heading.text)) return;
    const next = note.headings.slice(index + 1).find((h) => h.level <= level);
    out.push({ heading, start: heading.line, end: next ? next.line : note.lines.length });
  });
  return out;
}

/** The first section titled `title` (case-insensitive) at `level`, or null. */
export function findSection(text: string, level: number, title: string): SectionRange | null {
  return findSections(outline(text), level, (t) => t.toLowerCase() === title.toLowerCase())[0] ?? null;
}

/** The body of a section (the lines after its heading), joined with "\n". */
export function sectionBody(note: NoteOutline, range: SectionRange): string {
  return note.lines.slice(range.start + 1, range.end).join("\n");
}

/** The body of the first section titled `title` at `level`, or null. */
export function readSection(text: string, level: number, title: string): string | null {
  const note = outline(text);
  const range = findSections(note, level, (t) => t.toLowerCase() === title.toLowerCase())[0];
  return range ? sectionBody(note, range) : null;
}

export interface Insertion {
  text: string;
  /** Offset in the old text where the new block went: old = text.slice(0, at) + text.slice(at + inserted.length). */
  at: number;
  inserted: string;
}

/**
 * Inserts `block` (lines without a trailing newline) before line `beforeLine`, or at the end of the
 * note when null, with one blank line around it. Nothing of the old text changes: when the note ends
 * inside an open code fence, a closing fence goes in first so the block is not swallowed by it (the
 * fenced text reads exactly as before, since an open fence already ran to the end).
 */
export function insertBlock(text: string, block: string[], beforeLine: number | null): Insertion {
  const note = outline(text);
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = note.lines;
  if (beforeLine === null || beforeLine >= lines.length) {
    let prefix = "";
    if (text !== "" && !text.endsWith("\n")) prefix += eol;
    const lastLine =
      text === "" ? "" : ((text.endsWith("\n") ? lines[lines.length - 2] : lines[lines.length - 1]) ?? "");
    if (note.openFence !== null) {
      prefix += note.openFence + eol;
      prefix += eol;
    } else if (text !== "" && lastLine.trim() !== "") prefix += eol;
    const inserted = prefix + block.join(eol) + eol;
    return { text: text + inserted, at: text.length, inserted };
  }
  let at = 0;
  for (let i = 0; i < beforeLine; i++) at = text.indexOf("\n", at) + 1;
  const before = beforeLine > 0 && lines[beforeLine - 1].trim() !== "" ? eol : "";
  const after = lines[beforeLine].trim() !== "" ? eol : "";
  const inserted = before + block.join(eol) + eol + after;
  return { text: text.slice(0, at) + inserted + text.slice(at), at, inserted };
}
