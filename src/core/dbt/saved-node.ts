// A lineage node restored from a saved lineage: the fields a selector reads are plain properties;
// the note path is made when first read, and description, config and column lineage stay as JSON
// bytes in the file's tail, decoded and parsed when first read (a cold `select` or `tally --select`
// never reads them). Those live on the prototype, so read them by name: a spread leaves them out.

import type { ConfigValue, LineageNode, LineageResourceType } from "./graph";
import type { NodeColumns } from "./model-note-columns";

/**
 * The saved fields a selector needs: [uniqueId, name, resourceType, packageName, path, notePath, tags,
 * fqn, sourceName, version]. `name` is null when it is the fqn's last part, `notePath` when it is the
 * usual one (see notePathFrom): most nodes then carry neither.
 */
export type NodeRow = [
  string,
  string | null,
  string,
  string,
  string,
  string | null,
  string[],
  string[],
  string | null,
  string | null,
];

/** The usual note path of a node: `<prefix><package>/<path without extension>.md`. */
function notePathFrom(prefix: string, packageName: string, path: string): string {
  const dot = path.lastIndexOf(".");
  return `${prefix}${packageName}/${dot > path.lastIndexOf("/") ? path.slice(0, dot) : path}.md`;
}

/** The prefix (the dbt folder) that makes most nodes' note paths the usual ones. */
export function notePrefix(nodes: readonly LineageNode[]): string {
  for (const node of nodes) {
    const usual = notePathFrom("", node.packageName, node.path);
    if (node.notePath.endsWith("/" + usual)) return node.notePath.slice(0, -usual.length);
  }
  return "";
}

export function nodeRow(node: LineageNode, prefix: string): NodeRow {
  const { uniqueId, name, resourceType, packageName, path, notePath, tags, fqn, sourceName, version } = node;
  return [
    uniqueId,
    name === fqn[fqn.length - 1] ? null : name,
    resourceType,
    packageName,
    path,
    notePath === notePathFrom(prefix, packageName, path) ? null : notePath,
    tags,
    fqn,
    sourceName ?? null,
    version ?? null,
  ];
}

// Per row field: a string, a string or null, or a list of strings.
const ROW_FIELDS = ["text", "text?", "text", "text", "text", "text?", "list", "list", "text?", "text?"] as const;

/** Whether a parsed value is a row this code wrote (types only: the values are the notes'). */
export function isNodeRow(row: unknown): row is NodeRow {
  if (!Array.isArray(row) || row.length !== ROW_FIELDS.length) return false;
  for (let i = 0; i < ROW_FIELDS.length; i++) {
    const field = ROW_FIELDS[i];
    const value: unknown = row[i];
    const fits =
      field === "list" ? isStrings(value) : typeof value === "string" || (value === null && field === "text?");
    if (!fits) return false;
  }
  // A name left out is the fqn's last part: there must be one.
  return row[1] !== null || (row[7] as string[]).length > 0;
}

function isStrings(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== "string") return false;
  return true;
}

/** The file's tail: per node, `[description, config]` then its column lineage (empty when none), as UTF-8 JSON. */
export interface LazyTail {
  bytes: Uint8Array;
  /** 2 byte offsets per node into `bytes` plus the end: node i's extras span [2i, 2i+1), its columns [2i+1, 2i+2). */
  offsets: number[];
  /** What a null notePath stands for (see notePathFrom). */
  notePrefix: string;
}

export function tailPieces(node: LineageNode): [string, string] {
  return [
    JSON.stringify([node.description, node.config]),
    node.columns === undefined ? "" : JSON.stringify(node.columns),
  ];
}

let decoder: TextDecoder | undefined;

export class SavedNode implements LineageNode {
  readonly uniqueId: string;
  readonly name: string;
  readonly resourceType: LineageResourceType;
  readonly packageName: string;
  readonly path: string;
  readonly tags: string[];
  readonly fqn: string[];
  declare sourceName?: string;
  declare version?: string;
  readonly #tail: LazyTail;
  readonly #at: number;
  #notePath: string | null;
  #extras?: { description: string; config: Record<string, ConfigValue> };
  #columns?: { value: NodeColumns | undefined };

  constructor(row: NodeRow, tail: LazyTail, at: number) {
    this.uniqueId = row[0];
    this.name = row[1] ?? row[7][row[7].length - 1];
    this.resourceType = row[2] as LineageResourceType;
    this.packageName = row[3];
    this.path = row[4];
    this.#notePath = row[5];
    this.tags = row[6];
    this.fqn = row[7];
    if (row[8] !== null) this.sourceName = row[8];
    if (row[9] !== null) this.version = row[9];
    this.#tail = tail;
    this.#at = at;
  }

  get notePath(): string {
    return (this.#notePath ??= notePathFrom(this.#tail.notePrefix, this.packageName, this.path));
  }

  get description(): string {
    return this.extras().description;
  }

  get config(): Record<string, ConfigValue> {
    return this.extras().config;
  }

  get columns(): NodeColumns | undefined {
    if (this.#columns === undefined) {
      const text = this.piece(2 * this.#at + 1);
      this.#columns = { value: text === "" ? undefined : (parsed(text) as NodeColumns | undefined) };
    }
    return this.#columns.value;
  }
  set columns(value: NodeColumns | undefined) {
    this.#columns = { value };
  }

  private extras(): { description: string; config: Record<string, ConfigValue> } {
    if (this.#extras === undefined) {
      const value = parsed(this.piece(2 * this.#at));
      const [description, config] = Array.isArray(value) ? (value as unknown[]) : [];
      this.#extras = {
        description: typeof description === "string" ? description : "",
        config:
          config && typeof config === "object" && !Array.isArray(config) ? (config as Record<string, ConfigValue>) : {},
      };
    }
    return this.#extras;
  }

  private piece(k: number): string {
    const { bytes, offsets } = this.#tail;
    return (decoder ??= new TextDecoder()).decode(bytes.subarray(offsets[k], offsets[k + 1]));
  }
}

/** The tail was checked whole when loaded (its length and offsets): a piece that does not parse reads as absent. */
function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
