// What a note links to and which tags it carries: wikilinks, Markdown links and frontmatter links,
// frontmatter and body tags. Code blocks and inline code are ignored, as Obsidian does.

import { wikilinkTargets } from "../wikilinks";

export interface LinkTarget {
  /** Link text as written, without alias or heading: "fct_orders", "folder/note.md". */
  target: string;
  kind: "wikilink" | "markdown";
}

const FENCE = /^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:\n\1\2[`~]*[ \t]*(?=\n|$)|$)/gm;
const INLINE_CODE = /`[^`\n]*`/g;
const MD_LINK = /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const BODY_TAG = /(?:^|[\s(])#([\p{L}\p{N}_\-/]+)/gu;

export function withoutCode(text: string): string {
  return text.replace(FENCE, "").replace(INLINE_CODE, "");
}

export function bodyLinks(body: string): LinkTarget[] {
  const text = withoutCode(body);
  const links: LinkTarget[] = wikilinkTargets(text).map((target) => ({ target, kind: "wikilink" as const }));
  for (const m of text.matchAll(MD_LINK)) {
    const raw = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith("#")) continue;
    let target = raw.split("#")[0];
    try {
      target = decodeURIComponent(target);
    } catch {
      // A stray % stays as written.
    }
    if (target) links.push({ target, kind: "markdown" });
  }
  return links;
}

/** Every [[link]] in any string value of the frontmatter (upstream, models, related, ...). */
export function frontmatterLinks(value: unknown): string[] {
  if (typeof value === "string") return wikilinkTargets(value);
  if (Array.isArray(value)) return value.flatMap(frontmatterLinks);
  if (value && typeof value === "object") return Object.values(value).flatMap(frontmatterLinks);
  return [];
}

function frontmatterTags(frontmatter: Record<string, unknown>): string[] {
  const raw = [frontmatter.tags, frontmatter.tag].flatMap((v): unknown[] =>
    Array.isArray(v) ? (v as unknown[]) : typeof v === "string" ? v.split(/[,\s]+/) : [],
  );
  return raw
    .filter((t): t is string => typeof t === "string")
    .map((t) => t.replace(/^#/, "").trim())
    .filter(Boolean);
}

/** Lower-cased tags without '#'; a body tag needs a non-digit, as in Obsidian. */
export function noteTags(frontmatter: Record<string, unknown>, body: string): string[] {
  const tags = new Set(frontmatterTags(frontmatter).map((t) => t.toLowerCase()));
  for (const m of withoutCode(body).matchAll(BODY_TAG)) {
    if (/\D/.test(m[1])) tags.add(m[1].toLowerCase().replace(/\/+$/, ""));
  }
  return [...tags].sort();
}

/** `#data/quality` matches notes tagged data/quality and data/quality/... (Obsidian's nesting). */
export function hasTag(tags: readonly string[], wanted: string): boolean {
  const tag = wanted.replace(/^#/, "").toLowerCase();
  return tags.some((t) => t === tag || t.startsWith(tag + "/"));
}
