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
  sql?: { code: string; compiled: boolean };
  /** The relation the node builds or reads ([database, schema, identifier], as the manifest names it). */
  relation?: string[];
  /** Which columns of which parents its compiled SQL reads (set by analyseProjectColumns). */
  columnUsage?: ColumnUsage;
  /** Versioned models: the model's latest_version, when the manifest states it. */
  latestVersion?: string;
  /** Exposures that depend on this node, by name. */
  exposures: string[];
}

export interface DbtProject {
  /** The root project's name: notes go under <dbtFolder>/<name>/. */
  name: string;
  /** The dbt adapter (manifest metadata.adapter_type): it decides the SQL dialect. */
  adapter?: string;
  nodes: NodeDetail[];
  /** What could not be read (unknown schema version, unreadable entries). */
  warnings: string[];
  unresolved: UnresolvedRef[];
}
