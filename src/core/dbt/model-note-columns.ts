// The column-usage part of the model note format (owned here, beside model-note.ts): the frontmatter
// keys that carry it for tools (`columns_read`, `column_sources`, `column_usage_unknown`), the
// "Columns read" and "Column readers" sections a person reads, and the reader that turns the keys
// back into a NodeColumns. Columns are named `<note name>.<column>`, the note name as in upstream links.

import type { Frontmatter } from "../frontmatter";
import { wikilink } from "../wikilinks";
import { columnReaders } from "./column-usage";
import type { LineageGraph } from "./graph";
import type { DbtProject } from "./project";

/** A node's column usage as the notes carry it: reads and lineage by note name, or why it is unknown. */
export type NodeColumns =
  | {
      known: true;
      /** `parent.column` for every column read; `parent.*` when every column passes through unnamed. */
      read: string[];
      /** Output column -> the `parent.column`s it is computed from (constants have none and are left out). */
      sources: Record<string, string[]>;
    }
  | { known: false; reason: string };

/** What a note shows about columns: its own usage, and which downstream notes read each of its columns. */
export interface ColumnNoteData {
  usage?: NodeColumns & { missing?: string[] };
  /** Column -> note names of the children that read it ("*": every column). */
  readers: Map<string, string[]>;
  /** Children whose column usage is unknown (note names). */
  unknownChildren: string[];
  /** Columns to list under "Column readers": declared, computed and read ones, in that order. */
  columns: string[];
}

export function columnFrontmatter(usage: NodeColumns | undefined): Frontmatter {
  if (!usage) return {};
  if (!usage.known) return { column_usage_unknown: usage.reason };
  return { columns_read: usage.read, column_sources: usage.sources };
}

/** The frontmatter keys back as a NodeColumns; undefined when the note carries no column usage. */
export function columnsFromFrontmatter(fm: Frontmatter): NodeColumns | undefined {
  if (typeof fm.column_usage_unknown === "string") return { known: false, reason: fm.column_usage_unknown };
  if (!Array.isArray(fm.columns_read)) return undefined;
  const sources: Record<string, string[]> = {};
  if (fm.column_sources && typeof fm.column_sources === "object" && !Array.isArray(fm.column_sources)) {
    for (const [column, list] of Object.entries(fm.column_sources as Record<string, unknown>))
      if (Array.isArray(list)) sources[column] = list.map(String);
  }
  return { known: true, read: fm.columns_read.map(String), sources };
}

/** `parent.column` -> [parent, column], split at the last dot (note names may hold dots, columns do not). */
export function splitColumnRef(ref: string): [string, string] {
  const at = ref.lastIndexOf(".");
  return at < 0 ? [ref, ""] : [ref.slice(0, at), ref.slice(at + 1)];
}

export function columnSections(data: ColumnNoteData): string[] {
  const out: string[] = [];
  const usage = data.usage;
  if (usage) {
    out.push("## Columns read", "");
    if (!usage.known) out.push(`Column usage unknown: ${usage.reason}.`, "");
    else {
      const byParent = new Map<string, string[]>();
      for (const ref of usage.read) {
        const [parent, column] = splitColumnRef(ref);
        byParent.set(parent, [...(byParent.get(parent) ?? []), column]);
      }
      out.push("The columns of each parent this model's compiled SQL reads.", "");
      if (byParent.size === 0) out.push("- none (it reads no column of a parent)");
      for (const [parent, columns] of byParent) out.push(`- ${wikilink(parent)}: ${columnList(columns)}`);
      if (usage.missing?.length) out.push(`- in no parent: ${usage.missing.map(code).join(", ")}`);
      out.push("");
    }
  }
  if (data.readers.size > 0 || data.unknownChildren.length > 0) {
    out.push(
      "## Column readers",
      "",
      "The downstream models whose compiled SQL reads each column directly (`decp impact` lists all of them, and the models that read columns computed from it).",
      "",
    );
    // Columns read by the same models share a line (a key and the columns always selected with it).
    const lines = new Map<string, { labels: string[]; readers: string[] }>();
    const listed = [...data.columns, ...[...data.readers.keys()].filter((c) => c !== "*" && !data.columns.includes(c))];
    const entries: [string, string[]][] = listed.map((c) => [code(c), data.readers.get(c) ?? []]);
    if (data.readers.has("*")) entries.push(["every column (`select *`)", data.readers.get("*")!]);
    for (const [label, readers] of entries) {
      const key = readers.join("\u0000");
      const line = lines.get(key);
      if (line) line.labels.push(label);
      else lines.set(key, { labels: [label], readers });
    }
    for (const { labels, readers } of lines.values()) out.push(readerLine(labels.join(", "), readers));
    if (data.unknownChildren.length > 0)
      out.push(`- column usage unknown: ${data.unknownChildren.map(wikilink).join(", ")}`);
    out.push("");
  }
  return out;
}

/** Long reader lists are cut: the note stays readable and `decp impact` has the whole list. */
const READERS_SHOWN = 25;

function readerLine(label: string, readers: string[]): string {
  if (readers.length === 0) return `- ${label}: none`;
  const shown = readers.slice(0, READERS_SHOWN).map(wikilink).join(", ");
  const more = readers.length > READERS_SHOWN ? ` and ${readers.length - READERS_SHOWN} more` : "";
  return `- ${label} (${readers.length}): ${shown}${more}`;
}

function columnList(columns: string[]): string {
  return columns.map((c) => (c === "*" ? "every column (`select *`; their names are not known)" : code(c))).join(", ");
}

function code(text: string): string {
  return `\`${text}\``;
}

/**
 * What each note shows about columns, by note name: its own reads and lineage, and the children that
 * read each of its columns. Made for a node when its note is rendered and then let go: a
 * 20,000-model import never holds every note's column text at once, and a re-import renders few.
 * Column queries read the usage back from the notes (nodeFromFrontmatter), not from the import.
 */
export function columnNoteData(
  project: DbtProject,
  graph: LineageGraph,
  names: Map<string, string>,
): (id: string) => ColumnNoteData | undefined {
  const nameOf = (id: string): string => names.get(id) ?? id;
  const readers = columnReaders(project);
  const byId = new Map(project.nodes.map((d) => [d.node.uniqueId, d]));
  return (id) => {
    const detail = byId.get(id);
    if (!detail) return undefined;
    const usage = detail.columnUsage;
    let columns: NodeColumns | undefined;
    if (usage?.known) {
      const sources: Record<string, string[]> = {};
      for (const output of usage.outputs)
        if (output.sources.length > 0)
          sources[output.name] = output.sources.map((s) => `${nameOf(s.parent)}.${s.column}`);
      columns = {
        known: true,
        read: usage.reads.flatMap((r) => r.columns.map((c) => `${nameOf(r.parent)}.${c}`)),
        sources,
      };
    } else if (usage) columns = { known: false, reason: usage.reason };
    const own = new Map<string, string[]>();
    for (const [column, children] of readers.get(id) ?? []) own.set(column, children.map(nameOf).sort());
    const listed = [
      ...detail.columns.map((c) => c.name.toLowerCase()),
      ...(usage?.known ? usage.outputs.map((o) => o.name).filter((n) => n !== "*") : []),
    ];
    return {
      usage: columns && { ...columns, ...(usage?.known ? { missing: usage.missing } : {}) },
      readers: own,
      unknownChildren: graph.children
        .get(id)!
        .filter((child) => byId.get(child)?.columnUsage?.known === false)
        .map(nameOf)
        .sort(),
      columns: [...new Set(listed)],
    };
  };
}
