// A lineage node restored from a saved lineage: the fields a selector reads are plain properties;
// description, config and column lineage stay as JSON text in the file's tail and are parsed when
// first read (a cold `select` or `tally --select` never reads them). They live on the prototype, so
// read them by name: a spread of such a node leaves them out.

import type { ConfigValue, LineageNode, LineageResourceType } from "./graph";
import type { NodeColumns } from "./model-note-columns";

/** The saved fields a selector needs: [uniqueId, name, resourceType, packageName, path, notePath, tags, fqn, sourceName, version]. */
export type NodeRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  string[],
  string[],
  string | null,
  string | null,
];

export function nodeRow(node: LineageNode): NodeRow {
  const { uniqueId, name, resourceType, packageName, path, notePath, tags, fqn, sourceName, version } = node;
  return [uniqueId, name, resourceType, packageName, path, notePath, tags, fqn, sourceName ?? null, version ?? null];
}

/** Whether a parsed value is a row this code wrote (types only: the values are the notes'). */
export function isNodeRow(row: unknown): row is NodeRow {
  if (!Array.isArray(row) || row.length !== 10) return false;
  for (let i = 0; i < 6; i++) if (typeof row[i] !== "string") return false;
  const optional = (v: unknown) => v === null || typeof v === "string";
  return isStrings(row[6]) && isStrings(row[7]) && optional(row[8]) && optional(row[9]);
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** The file's tail: per node, `[description, config]` then its column lineage (empty when none), as JSON. */
export interface LazyTail {
  text: string;
  /** 2 offsets per node into `text` plus the end: node i's extras span [2i, 2i+1), its columns [2i+1, 2i+2). */
  offsets: number[];
}

export function tailPieces(node: LineageNode): [string, string] {
  return [
    JSON.stringify([node.description, node.config]),
    node.columns === undefined ? "" : JSON.stringify(node.columns),
  ];
}

export class SavedNode implements LineageNode {
  readonly uniqueId: string;
  readonly name: string;
  readonly resourceType: LineageResourceType;
  readonly packageName: string;
  readonly path: string;
  readonly notePath: string;
  readonly tags: string[];
  readonly fqn: string[];
  declare sourceName?: string;
  declare version?: string;
  readonly #tail: LazyTail;
  readonly #at: number;
  #extras?: { description: string; config: Record<string, ConfigValue> };
  #columns?: { value: NodeColumns | undefined };

  constructor(row: NodeRow, tail: LazyTail, at: number) {
    this.uniqueId = row[0];
    this.name = row[1];
    this.resourceType = row[2] as LineageResourceType;
    this.packageName = row[3];
    this.path = row[4];
    this.notePath = row[5];
    this.tags = row[6];
    this.fqn = row[7];
    if (row[8] !== null) this.sourceName = row[8];
    if (row[9] !== null) this.version = row[9];
    this.#tail = tail;
    this.#at = at;
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
    const { text, offsets } = this.#tail;
    return text.slice(offsets[k], offsets[k + 1]);
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
