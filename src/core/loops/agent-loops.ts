// Reads loops out of pasted agent text: the protocol's <loop> XML blocks, fenced ```loop blocks with
// key: value lines, or (only when neither is present) a bullet list under a "Loops" heading.
// Tolerant: a malformed block yields a problem with its line, never a crash, never losing the others.

import { parseId } from "../protocol";
import { linkTarget } from "../wikilinks";

export interface LoopProposal {
  /** The id the agent gave, when it is usable; undefined means "issue the next free id". */
  id?: string;
  /** The id as the agent wrote it (also when it was dropped as a duplicate). */
  givenId?: string;
  title: string;
  context: string;
  question: string;
  models: string[];
  captured?: string;
  /** Tags the protocol does not define, kept in document order. */
  extra: { tag: string; text: string }[];
  /** 1-based line where the block starts in the pasted text. */
  line: number;
}

export interface CaptureProblem {
  line: number;
  message: string;
}

export interface AgentLoops {
  proposals: LoopProposal[];
  problems: CaptureProblem[];
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Removes the common indentation and surrounding blank lines, keeps the inner layout. */
function dedent(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  while (lines.length && lines[0].trim() === "") lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === "") lines.pop();
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut).trimEnd()).join("\n");
}

function value(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  return dedent(cdata ? cdata[1] : decodeEntities(raw));
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function emptyProposal(line: number): LoopProposal {
  return { title: "", context: "", question: "", models: [], extra: [], line };
}

function assign(p: LoopProposal, tag: string, text: string): void {
  switch (tag.toLowerCase()) {
    case "title":
      p.title = text.replace(/\s+/g, " ");
      return;
    case "context":
      p.context = text;
      return;
    case "question":
      p.question = text;
      return;
    case "model":
    case "models":
      p.models.push(
        ...text
          .split(/[,\n]/)
          .map((m) => linkTarget(m))
          .filter(Boolean),
      );
      return;
    case "captured":
      p.captured = text;
      return;
    case "id":
      p.givenId = text;
      return;
    case "status":
      return; // agents only propose; whatever status they claim, capture lands as proposed
    default:
      p.extra.push({ tag, text });
  }
}

function parseXmlBlock(
  text: string,
  start: number,
  attrs: string,
  body: string,
  bodyStart: number,
  problems: CaptureProblem[],
): LoopProposal {
  const p = emptyProposal(lineAt(text, start));
  for (const a of attrs.matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
    assign(p, a[1], decodeEntities(a[2] ?? a[3]));
  const tag = /<(\/?)([A-Za-z_][\w-]*)([^<>]*?)(\/?)>/g;
  let pos = 0;
  const stray = (from: number, to: number): void => {
    const s = body.slice(from, to).trim();
    if (s)
      problems.push({
        line: lineAt(text, bodyStart + from + body.slice(from, to).indexOf(s[0])),
        message: `stray text outside the loop's tags: ${JSON.stringify(s.slice(0, 40))}`,
      });
  };
  for (;;) {
    tag.lastIndex = pos;
    const m = tag.exec(body);
    if (!m) break;
    stray(pos, m.index);
    const [whole, closing, name, , selfClosing] = m;
    const at = bodyStart + m.index;
    if (closing) {
      problems.push({ line: lineAt(text, at), message: `</${name}> has no matching <${name}>` });
      pos = m.index + whole.length;
      continue;
    }
    if (selfClosing) {
      pos = m.index + whole.length;
      continue;
    }
    const contentStart = m.index + whole.length;
    const close = body.toLowerCase().indexOf(`</${name.toLowerCase()}>`, contentStart);
    let content: string;
    if (close < 0) {
      // Unclosed: take the text up to the next tag so the rest of the block still parses.
      const nextTag = body.slice(contentStart).search(/<[A-Za-z_/]/);
      const end = nextTag < 0 ? body.length : contentStart + nextTag;
      content = body.slice(contentStart, end);
      problems.push({ line: lineAt(text, at), message: `<${name}> is not closed` });
      pos = end;
    } else {
      content = body.slice(contentStart, close);
      pos = close + name.length + 3;
    }
    assign(p, name, value(content));
  }
  stray(pos, body.length);
  return p;
}

interface Span {
  start: number;
  end: number;
}

function scanXml(text: string, problems: CaptureProblem[]): { proposals: LoopProposal[]; spans: Span[] } {
  const opens = [...text.matchAll(/<loop\b([^<>]*)>/gi)];
  const proposals: LoopProposal[] = [];
  const spans: Span[] = [];
  opens.forEach((open, i) => {
    const bodyStart = open.index + open[0].length;
    const limit = i + 1 < opens.length ? opens[i + 1].index : text.length;
    const closeAt = text.slice(bodyStart, limit).search(/<\/loop\s*>/i);
    let bodyEnd: number;
    let end: number;
    if (closeAt < 0) {
      const fence = text.slice(bodyStart, limit).search(/^\s*```/m);
      bodyEnd = fence < 0 ? limit : bodyStart + fence;
      end = bodyEnd;
      problems.push({ line: lineAt(text, open.index), message: "<loop> is not closed (missing </loop>)" });
    } else {
      bodyEnd = bodyStart + closeAt;
      end = bodyEnd + /<\/loop\s*>/i.exec(text.slice(bodyEnd))![0].length;
    }
    proposals.push(parseXmlBlock(text, open.index, open[1], text.slice(bodyStart, bodyEnd), bodyStart, problems));
    spans.push({ start: open.index, end });
  });
  return { proposals, spans };
}

const KEY_LINE = /^\s*(id|title|context|question|models?|captured|status)\s*:\s?(.*)$/i;

function scanLoopFences(text: string, problems: CaptureProblem[]): LoopProposal[] {
  const proposals: LoopProposal[] = [];
  for (const fence of text.matchAll(/^[ \t]*```+[ \t]*loop[ \t]*\n([\s\S]*?)(^[ \t]*```+[ \t]*$|(?![\s\S]))/gim)) {
    const body = fence[1];
    if (/<loop\b/i.test(body)) continue; // the XML scanner owns it
    const line = lineAt(text, fence.index);
    if (!fence[2]) problems.push({ line, message: "```loop block is not closed" });
    const p = emptyProposal(line);
    let key: string | null = null;
    let buffer: string[] = [];
    const flush = (): void => {
      if (key)
        assign(
          p,
          key,
          decodeEntities(
            buffer
              .map((l) => l.trim())
              .join("\n")
              .trim(),
          ),
        );
      buffer = [];
    };
    body.split("\n").forEach((raw, i) => {
      const m = KEY_LINE.exec(raw);
      if (m) {
        flush();
        key = m[1];
        buffer.push(m[2]);
      } else if (key) buffer.push(raw);
      else if (raw.trim())
        problems.push({
          line: line + 1 + i,
          message: `stray text before the first key: ${JSON.stringify(raw.trim().slice(0, 40))}`,
        });
    });
    flush();
    proposals.push(p);
  }
  return proposals;
}

const LOOPS_HEADING = /^\s{0,3}(?:#{1,6}\s+|\*\*)?\s*(?:open\s+)?loops\b[^\n]*$/i;
const BULLET = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;

function scanBullets(text: string): LoopProposal[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const proposals: LoopProposal[] = [];
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*```/.test(lines[i])) inFence = !inFence;
    if (inFence || !LOOPS_HEADING.test(lines[i]) || BULLET.test(lines[i])) continue;
    let indent = -1;
    let current: LoopProposal | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (line.trim() === "") continue;
      const bullet = BULLET.exec(line);
      const depth = /^\s*/.exec(line)![0].length;
      if (bullet && (indent < 0 || depth <= indent)) {
        indent = indent < 0 ? depth : indent;
        current = bulletProposal(bullet[2], j + 1);
        proposals.push(current);
      } else if (current && depth > indent) {
        current.context = [current.context, line.trim().replace(/^(?:[-*+]|\d+[.)])\s+/, "")]
          .filter(Boolean)
          .join("\n");
      } else {
        i = j - 1;
        break;
      }
    }
  }
  return proposals;
}

function bulletProposal(raw: string, line: number): LoopProposal {
  const p = emptyProposal(line);
  let text = raw
    .replace(/^\[[ xX]\]\s*/, "")
    .replace(/\*\*/g, "")
    .trim();
  const id = /^\[?(LOOP-\d+)\]?\s*[:—–-]?\s*/i.exec(text);
  if (id) {
    p.givenId = id[1];
    text = text.slice(id[0].length);
  }
  text = decodeEntities(text);
  p.title = text.length > 100 ? text.slice(0, 100).replace(/\s+\S*$/, "") : text;
  if (text.endsWith("?")) p.question = text;
  return p;
}

/** Parses every loop in pasted agent text; duplicate ids inside the reply keep only the first. */
export function parseAgentLoops(input: string): AgentLoops {
  const text = input.replace(/\r\n/g, "\n");
  const problems: CaptureProblem[] = [];
  const xml = scanXml(text, problems);
  let proposals = [...xml.proposals, ...scanLoopFences(text, problems)];
  if (proposals.length === 0) proposals = scanBullets(text);
  proposals.sort((a, b) => a.line - b.line);
  const kept: LoopProposal[] = [];
  const firstLine = new Map<string, number>();
  for (const p of proposals) {
    if (!p.title && p.question) p.title = p.question.split("\n")[0].slice(0, 100);
    if (!p.title) {
      problems.push({ line: p.line, message: "loop has neither a <title> nor a <question>; skipped" });
      continue;
    }
    if (p.givenId !== undefined) {
      const given = p.givenId.trim().toUpperCase();
      const parsed = parseId(given);
      if (!parsed || parsed.type !== "LOOP") {
        problems.push({
          line: p.line,
          message: `id ${JSON.stringify(p.givenId)} is not LOOP-NNN; a new id will be issued`,
        });
      } else if (firstLine.has(given)) {
        problems.push({
          line: p.line,
          message: `${given} is used twice (first on line ${firstLine.get(given)}); this one gets a new id`,
        });
      } else {
        firstLine.set(given, p.line);
        p.id = given;
      }
    }
    kept.push(p);
  }
  problems.sort((a, b) => a.line - b.line);
  return { proposals: kept, problems };
}
