// Computes Obsidian's CachedMetadata from note text: frontmatter (broken YAML -> none, as in
// Obsidian), links, embeds, frontmatter links, body tags, headings and sections, with positions.

import { parseNote } from "../../../src/core/frontmatter";

export interface Loc {
  line: number;
  col: number;
  offset: number;
}
export interface Pos {
  start: Loc;
  end: Loc;
}
export interface Reference {
  link: string;
  original: string;
  displayText?: string;
}
export interface ReferenceCache extends Reference {
  position: Pos;
}
export type LinkCache = ReferenceCache;
export type EmbedCache = ReferenceCache;
export interface FrontmatterLinkCache extends Reference {
  key: string;
}
export interface TagCache {
  tag: string;
  position: Pos;
}
export interface HeadingCache {
  heading: string;
  level: number;
  position: Pos;
}
export interface SectionCache {
  type: string;
  position: Pos;
  id?: string;
}
export type FrontMatterCache = Record<string, unknown>;

export interface CachedMetadata {
  links?: LinkCache[];
  embeds?: EmbedCache[];
  tags?: TagCache[];
  headings?: HeadingCache[];
  sections?: SectionCache[];
  frontmatter?: FrontMatterCache;
  frontmatterPosition?: Pos;
  frontmatterLinks?: FrontmatterLinkCache[];
}

const FRONTMATTER = /^---\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;
const WIKILINK = /(!?)\[\[([^\]\n]+?)\]\]/g;
const MDLINK = /(!?)\[([^\]\n]*)\]\(([^)\n]+)\)/g;
const TAG = /(^|[\s(])#([\p{L}\p{N}_/-]*[\p{L}_/-][\p{L}\p{N}_/-]*)/gu;
const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t#]*$/;

function locator(text: string): (offset: number) => Loc {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (offset) => {
    // The last line start at or before offset (binary search: long notes have many links).
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, col: offset - starts[lo], offset };
  };
}

/** Blanks code fences and inline code (same length), so links inside code are not links. */
function maskCode(text: string): string {
  const blank = (s: string): string => s.replace(/[^\n]/g, " ");
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|$(?![\s\S]))/gm, blank).replace(/`[^`\n]+`/g, blank);
}

function wikiReference(inner: string, original: string): Reference {
  const bar = inner.indexOf("|");
  const link = (bar < 0 ? inner : inner.slice(0, bar)).trim();
  const displayText = bar < 0 ? link : inner.slice(bar + 1);
  return { link, original, displayText };
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

function frontmatterLinks(value: unknown, key: string, out: FrontmatterLinkCache[]): void {
  if (typeof value === "string") {
    for (const m of value.matchAll(WIKILINK)) if (m[1] === "") out.push({ key, ...wikiReference(m[2], m[0]) });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => frontmatterLinks(item, `${key}.${i}`, out));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) frontmatterLinks(v, `${key}.${k}`, out);
  }
}

export function indexNote(text: string): CachedMetadata {
  const cache: CachedMetadata = {};
  const at = locator(text);
  const block = FRONTMATTER.exec(text);
  let bodyStart = 0;
  if (block) {
    bodyStart = block[0].length;
    const closing = text.lastIndexOf("---", bodyStart);
    cache.frontmatterPosition = { start: at(0), end: at(closing + 3) };
    try {
      cache.frontmatter = parseNote(text).frontmatter;
      const links: FrontmatterLinkCache[] = [];
      for (const [key, value] of Object.entries(cache.frontmatter)) frontmatterLinks(value, key, links);
      if (links.length > 0) cache.frontmatterLinks = links;
    } catch {
      // Obsidian shows broken YAML as a note without properties.
      delete cache.frontmatter;
    }
  }
  const masked = text.slice(0, bodyStart).replace(/[^\n]/g, " ") + maskCode(text.slice(bodyStart));
  const span = (start: number, length: number): Pos => ({ start: at(start), end: at(start + length) });
  const links: LinkCache[] = [];
  const embeds: EmbedCache[] = [];
  for (const m of masked.matchAll(WIKILINK)) {
    const ref = { ...wikiReference(m[2], m[0]), position: span(m.index, m[0].length) };
    (m[1] ? embeds : links).push(ref);
  }
  for (const m of masked.matchAll(MDLINK)) {
    const target = m[3].trim().replace(/^<(.*)>$/, "$1");
    if (isExternal(target)) continue;
    let link = target;
    try {
      link = decodeURI(target);
    } catch {
      // Obsidian keeps an undecodable target as written.
    }
    const ref = { link, original: m[0], displayText: m[2], position: span(m.index, m[0].length) };
    (m[1] ? embeds : links).push(ref);
  }
  const byOffset = (a: ReferenceCache, b: ReferenceCache): number => a.position.start.offset - b.position.start.offset;
  if (links.length > 0) cache.links = links.sort(byOffset);
  if (embeds.length > 0) cache.embeds = embeds.sort(byOffset);

  const tags: TagCache[] = [];
  const headings: HeadingCache[] = [];
  const sections: SectionCache[] = [];
  if (cache.frontmatterPosition) sections.push({ type: "yaml", position: cache.frontmatterPosition });
  let offset = 0;
  let paragraph: number | null = null;
  const lines = masked.split("\n");
  const source = text.split("\n");
  let fence: { marker: string; start: number } | null = null;
  const closeParagraph = (end: number): void => {
    if (paragraph !== null) sections.push({ type: "paragraph", position: { start: at(paragraph), end: at(end) } });
    paragraph = null;
  };
  for (const [i, line] of lines.entries()) {
    const lineEnd = offset + line.length;
    const opening = /^(```|~~~)/.exec(source[i]);
    if (offset >= bodyStart && fence) {
      if (source[i].startsWith(fence.marker)) {
        sections.push({ type: "code", position: { start: at(fence.start), end: at(lineEnd) } });
        fence = null;
      }
    } else if (offset >= bodyStart && opening) {
      closeParagraph(offset - 1);
      fence = { marker: opening[1], start: offset };
    } else if (offset >= bodyStart) {
      const heading = HEADING.exec(line);
      if (heading) {
        closeParagraph(offset - 1);
        headings.push({
          heading: text.slice(
            offset + heading[0].indexOf(heading[2]),
            offset + heading[0].indexOf(heading[2]) + heading[2].length,
          ),
          level: heading[1].length,
          position: span(offset, line.length),
        });
        sections.push({ type: "heading", position: span(offset, line.length) });
      } else if (line.trim() === "") {
        closeParagraph(offset - 1);
      } else if (paragraph === null) {
        paragraph = offset;
      }
      for (const m of line.matchAll(TAG)) {
        const start = offset + m.index + m[1].length;
        tags.push({ tag: `#${m[2]}`, position: span(start, m[2].length + 1) });
      }
    }
    offset = lineEnd + 1;
  }
  closeParagraph(text.length);
  if (fence) sections.push({ type: "code", position: { start: at(fence.start), end: at(text.length) } });
  if (tags.length > 0) cache.tags = tags;
  if (headings.length > 0) cache.headings = headings;
  if (sections.length > 0) cache.sections = sections;
  return cache;
}

/** Body tags plus frontmatter `tags`/`tag` (string or list), each with a leading #, like Obsidian. */
export function getAllTags(cache: CachedMetadata): string[] | null {
  const out: string[] = [];
  const fm = cache.frontmatter ?? {};
  for (const key of ["tags", "tag"]) {
    const value = fm[key];
    const list = Array.isArray(value) ? value : typeof value === "string" ? value.split(/[,\s]+/) : [];
    for (const tag of list) if (typeof tag === "string" && tag !== "") out.push(tag.startsWith("#") ? tag : `#${tag}`);
  }
  for (const tag of cache.tags ?? []) out.push(tag.tag);
  return out;
}
