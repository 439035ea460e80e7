// The one owner of Obsidian wikilinks: writing one, reading one back, and finding every link in a text.
// Obsidian's syntax: [[target]], [[target|alias]], [[target#Heading]], [[target#^block]], ![[embed]].

export interface Wikilink {
  /** The linked note as written: "fct_orders", "folder/note", "note.md". */
  target: string;
  /** "#Heading" or "#^block" ("^block" as some users write it), "" when the link names the whole note. */
  subpath: string;
  alias?: string;
}

export interface FoundWikilink extends Wikilink {
  /** The link as it stands in the text, brackets included. */
  text: string;
  index: number;
  embed: boolean;
}

// target | subpath | alias; a link never spans lines.
const LINK_SOURCE = String.raw`(!?)\[\[([^\]|#^\n]*)([#^][^\]|\n]*)?(?:\|([^\]\n]*))?\]\]`;
const ANY_LINK = new RegExp(LINK_SOURCE, "g");
const ONE_LINK = new RegExp(String.raw`^\s*${LINK_SOURCE}\s*$`);

/** "[[fct_orders]]". */
export function wikilink(target: string): string {
  return `[[${target}]]`;
}

/** "[[Copilot/Loops/LOOP-007 Grain|LOOP-007]]"; a plain link when the alias is empty or the target itself. */
export function aliasedWikilink(target: string, alias: string | undefined): string {
  return alias && alias !== target ? `[[${target}|${alias}]]` : wikilink(target);
}

/** The parts of a value that is exactly one wikilink (spaces around it allowed), else null. */
export function parseWikilink(value: string): Wikilink | null {
  const m = ONE_LINK.exec(value);
  return m ? parts(m) : null;
}

/** The note a value links to: "[[fct_orders#Columns|Orders]]" -> "fct_orders"; plain text comes back trimmed. */
export function linkTarget(value: string): string {
  return (parseWikilink(value)?.target ?? value).trim();
}

/** A link's text without its brackets ("[[DEC-001|Use X]]" -> "DEC-001|Use X"), so it can be written back as it was. */
export function unwrapWikilink(value: string): string {
  const link = parseWikilink(value);
  if (!link) return value.trim();
  return `${link.target}${link.subpath}${link.alias !== undefined ? `|${link.alias}` : ""}`.trim();
}

/** The note name a link resolves by: the target's last path segment without ".md" ("[[dbt/x/orders.md]]" -> "orders"). */
export function linkedNoteName(value: unknown): string {
  const target = linkTarget(typeof value === "string" ? value : "");
  const name = target.slice(target.lastIndexOf("/") + 1);
  return name.endsWith(".md") ? name.slice(0, -3) : name;
}

/** Links in running text as a reader sees them: "[[fct_orders|Orders]]" -> "Orders", "[[a#b]]" -> "a#b". */
export function plainLinks(text: string): string {
  return text.replace(ANY_LINK, (link, _embed: string, target: string, subpath?: string, alias?: string) => {
    const shown = (alias ?? target + (subpath ?? "")).trim();
    return shown === "" && alias === undefined ? link : shown;
  });
}

/** Every link's target in a text, in order (embeds included, empty targets left out). */
export function wikilinkTargets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ANY_LINK)) {
    const target = m[2].trim();
    if (target) out.push(target);
  }
  return out;
}

/** Every link in a text with where it stands. */
export function findWikilinks(text: string): FoundWikilink[] {
  return [...text.matchAll(ANY_LINK)].map((m) => ({ ...parts(m), text: m[0], index: m.index, embed: m[1] === "!" }));
}

function parts(m: RegExpExecArray | RegExpMatchArray): Wikilink {
  const link: Wikilink = { target: m[2], subpath: m[3] ?? "" };
  if (m[4] !== undefined) link.alias = m[4];
  return link;
}
