// Obsidian comments (`%% ... %%`): where they are, and stripping them before text goes to an agent.
// Semantics mirror Obsidian: inline or multi-line; `%%` inside fenced code or inline code is literal;
// an unclosed `%%` comments out the rest of the note; YAML frontmatter is not scanned.

export interface TextRange {
  start: number;
  end: number;
}

const FENCE_OPEN = /^[ \t]*(`{3,}|~{3,})/;

/** Offset where the body starts: after a leading `---` frontmatter block, else 0. */
function bodyStart(text: string): number {
  const m = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  return m ? m[0].length : 0;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 ? text.length : nl + 1;
}

/** End offset of a fenced code block that opens at `lineStartAt`, or -1 if that line opens none. */
function fencedBlockEnd(text: string, lineStartAt: number): number {
  const first = text.slice(lineStartAt, lineEnd(text, lineStartAt));
  const open = FENCE_OPEN.exec(first);
  if (!open) return -1;
  const fence = open[1];
  // A backtick fence's info string may not contain backticks (CommonMark): "```a`b" is not a fence.
  if (fence[0] === "`" && first.slice(open[0].length).includes("`")) return -1;
  const close = new RegExp(`^[ \\t]*${fence[0] === "`" ? "`" : "~"}{${fence.length},}[ \\t]*\\r?$`);
  let at = lineEnd(text, lineStartAt);
  while (at < text.length) {
    const next = lineEnd(text, at);
    if (close.test(text.slice(at, next).replace(/\n$/, ""))) return next;
    at = next;
  }
  return text.length; // an unclosed fence runs to the end of the note
}

/** Ranges of every `%%` comment in `text` (each range includes both `%%` markers). */
export function findComments(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let i = bodyStart(text);
  let atLineStart = true;
  while (i < text.length) {
    if (atLineStart) {
      const end = fencedBlockEnd(text, i);
      if (end !== -1) {
        i = end;
        continue;
      }
    }
    const ch = text[i];
    if (ch === "`") {
      let run = 1;
      while (text[i + run] === "`") run++;
      const closeAt = findBacktickRun(text, i + run, run);
      if (closeAt !== -1) {
        i = closeAt + run;
        atLineStart = false;
        continue;
      }
      i += run; // unmatched backticks are literal text
      atLineStart = false;
      continue;
    }
    if (ch === "%" && text[i + 1] === "%") {
      const close = text.indexOf("%%", i + 2);
      const end = close === -1 ? text.length : close + 2;
      ranges.push({ start: i, end });
      i = end;
      atLineStart = text[i - 1] === "\n";
      continue;
    }
    atLineStart = ch === "\n";
    i++;
  }
  return ranges;
}

/** Start of the next backtick run of exactly `run` backticks, not crossing a blank line (a paragraph end). */
function findBacktickRun(text: string, from: number, run: number): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === "\n" && /^[ \t]*(\r?\n|$)/.test(text.slice(i + 1, i + 3))) return -1;
    if (text[i] === "`") {
      let n = 1;
      while (text[i + n] === "`") n++;
      if (n === run) return i;
      i += n;
      continue;
    }
    i++;
  }
  return -1;
}

/**
 * Removes every Obsidian comment. A comment that fills whole lines takes its lines with it, so
 * stripping leaves no blank gaps; an inline comment is cut out of its line.
 */
export function stripTeachingComments(text: string): string {
  const ranges = findComments(text);
  if (ranges.length === 0) return text;
  let out = "";
  let at = 0;
  for (const r of ranges) {
    let { start, end } = r;
    const lineStartAt = text.lastIndexOf("\n", start - 1) + 1;
    const before = text.slice(lineStartAt, start);
    const after = text.slice(end, lineEnd(text, end));
    if (lineStartAt >= at && /^[ \t]*$/.test(before) && /^[ \t]*\r?\n?$/.test(after)) {
      start = lineStartAt;
      end = lineEnd(text, end);
      // Removing whole lines between two blank lines would leave a double gap: take one blank too.
      const prevBlank = out.length + (start - at) >= 2 && /\n[ \t]*\n$/.test(out + text.slice(at, start));
      if (prevBlank && /^[ \t]*\r?\n/.test(text.slice(end))) end = lineEnd(text, end);
    }
    out += text.slice(at, start);
    at = end;
  }
  return out + text.slice(at);
}
