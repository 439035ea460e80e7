// What an import works from, whichever way it was read (manifest.json or the project folder):
// the nodes that get notes, their parents, and what the notes show about them.

import type { ColumnUsage } from "./column-usage";
import type { LineageNode } from "./graph";

export interface ColumnInfo {
  name: string;
  description: string;
  dataType: string;
}

export interface TestInfo {
  /** dbt's test name, e.g. unique_orders_order_id. */
  name: string;
  /** Generic test kind (unique, not_null, relationships...) or "singular". */
  kind: string;
  column?: string;
  /** unique_combination_of_columns: the columns that together are unique (the grain). */
  columns?: string[];
  /** What else the test checks, in one line: `stg_customers.customer_id`, `new, returning`, an expression. */
  detail?: string;
}

/** One of the project's own macros (not dbt's, not a package's): what model cards show when a model calls it. */
export interface MacroInfo {
  uniqueId: string;
  name: string;
  packageName: string;
  /** original_file_path, relative to the dbt project. */
  path: string;
  description: string;
  arguments: string[];
  sql: string;
  /** Unique ids of the project's own macros it calls (dispatch implementations included). */
  macros: string[];
  /** Vault path of its note; filled when notes are planned. */
  notePath: string;
}

export interface UnresolvedRef {
  file: string;
  line: number;
  call: string;
  reason: string;
}

export interface NodeDetail {
  /** notePath is filled when notes are planned. */
  node: LineageNode;
  /** Unique ids of every parent; ones that get no note are dropped from the graph. */
  parents: string[];
  materialized?: string;
  columns: ColumnInfo[];
  tests: TestInfo[];
  /** The relation the node builds or reads ([database, schema, identifier], as the manifest names it). */
  relation?: string[];
  /** The model's SQL as written (with refs) and, when the manifest was compiled, as dbt compiled it. */
  sql?: { raw?: string; compiled?: string };
  /** Unique ids of the project's own macros the node calls directly. */
  macros: string[];
  /** Which columns of which parents its compiled SQL reads (set by analyseProjectColumns). */
  columnUsage?: ColumnUsage;
  /** The key of what its column usage was analysed from (column-usage.ts), to reuse it next import. */
  columnKey?: string;
  /** Versioned models: the model's latest_version, when the manifest states it. */
  latestVersion?: string;
  /** Exposures that depend on this node, by name. */
  exposures: string[];
  /**
   * Hash of the manifest entry the node was read from, byte for byte (CLI: manifest-bytes.ts): it
   * stands for everything readNode takes from that entry in the note fingerprint (import-state.ts).
   */
  rawKey?: string;
}

export interface DbtProject {
  /** The root project's name: notes go under <dbtFolder>/<name>/. */
  name: string;
  /** The dbt adapter (manifest metadata.adapter_type): it decides the SQL dialect. */
  adapter?: string;
  nodes: NodeDetail[];
  /** The root project's own macros (packages' and dbt's are left out). */
  macros: MacroInfo[];
  /** What could not be read (unknown schema version, unreadable entries). */
  warnings: string[];
  unresolved: UnresolvedRef[];
}
