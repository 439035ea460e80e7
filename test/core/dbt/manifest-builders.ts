// Small hand-built manifests for the import tests: models of a project "shop", a manifest around them,
// an in-memory import state store (the CLI keeps the same in .decp/cache), and a vault that records reads.

import {
  readManifest,
  type ColumnCache,
  type DbtProject,
  type ImportState,
  type ImportStateStore,
} from "../../../src/core/dbt";
import { MemoryVault } from "../../../src/demo/memory-vault";

export type Node = Record<string, unknown>;

/** A view model `model.shop.<name>` reading `parents`; `extra` replaces any field. */
export function model(name: string, parents: string[] = [], extra: Node = {}): Node {
  return {
    unique_id: `model.shop.${name}`,
    name,
    resource_type: "model",
    package_name: "shop",
    original_file_path: `models/${name}.sql`,
    fqn: ["shop", name],
    tags: [],
    config: { materialized: "view" },
    description: `About ${name}`,
    columns: {},
    raw_code: `select 1 as id -- ${name}`,
    depends_on: { nodes: parents },
    ...extra,
  };
}

/** A manifest (schema v12) of project "shop" holding `nodes`. */
export function manifest(...nodes: Node[]): Node {
  return {
    metadata: { dbt_schema_version: "https://schemas.getdbt.com/dbt/manifest/v12.json", project_name: "shop" },
    nodes: Object.fromEntries(nodes.map((n) => [n.unique_id, n])),
    sources: {},
  };
}

/** The project as the importer reads it. */
export function project(...nodes: Node[]): DbtProject {
  return readManifest(manifest(...nodes), "manifest.json");
}

/** The import state and column usage kept in memory, each saved as a JSON round trip (as on disk). */
export class MemoryStateStore implements ImportStateStore {
  states = new Map<string, ImportState>();
  columns = new Map<string, ColumnCache>();
  async load(project: string): Promise<ImportState | null> {
    return this.states.get(project) ?? null;
  }
  async findByManifest(hash: string): Promise<ImportState | null> {
    return [...this.states.values()].find((s) => s.manifest === hash) ?? null;
  }
  async save(state: ImportState): Promise<void> {
    this.states.set(state.summary.project, JSON.parse(JSON.stringify(state)) as ImportState);
  }
  async loadColumns(project: string): Promise<ColumnCache | null> {
    return this.columns.get(project) ?? null;
  }
  async saveColumns(project: string, cache: ColumnCache): Promise<void> {
    this.columns.set(project, JSON.parse(JSON.stringify(cache)) as ColumnCache);
  }
}

/** A MemoryVault that ticks its clock on every write and records which notes were read. */
export class WatchedVault extends MemoryVault {
  reads: string[] = [];
  constructor() {
    let clock = 1;
    super(() => clock++);
  }
  override async read(path: string): Promise<string> {
    this.reads.push(path);
    return super.read(path);
  }
}
