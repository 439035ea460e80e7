// The CLI's dbt import state: <vault>/.decp/cache/dbt-import.json, one entry per project (see
// src/core/dbt/import-state.ts), and the column usage it analysed beside it in dbt-columns.json. Safe to delete: the next import reads and renders every note once.
// A corrupt file is ignored and rewritten; writes go through a temp file and a rename.

import { promises as fs, readFileSync } from "node:fs";
import * as nodePath from "node:path";
import type { ColumnCache, ImportState, ImportStateStore } from "../core/dbt";

interface StateFile {
  projects: Record<string, ImportState>;
}

interface ColumnsFile {
  projects?: Record<string, ColumnCache>;
}

export class ImportStateFile implements ImportStateStore {
  readonly file: string;
  private cached?: Promise<StateFile>;

  /** Column usage per project, apart from the state: only an import that analyses reads it. */
  readonly columnsFile: string;

  constructor(vaultRoot: string) {
    this.file = nodePath.join(vaultRoot, ".decp", "cache", "dbt-import.json");
    this.columnsFile = nodePath.join(vaultRoot, ".decp", "cache", "dbt-columns.json");
  }

  // Read synchronously: through fs.promises a 1 MB state (5,000 notes) waits on the thread pool and a
  // chunked decode, a tenth of a byte-identical re-import (bench dbt_reimport_identical).
  private read(): Promise<StateFile> {
    return (this.cached ??= Promise.resolve(readStateFile(this.file)));
  }

  async load(project: string): Promise<ImportState | null> {
    return (await this.read()).projects[project] ?? null;
  }

  async findByManifest(hash: string): Promise<ImportState | null> {
    return Object.values((await this.read()).projects).find((s) => s?.manifest === hash) ?? null;
  }

  async save(state: ImportState): Promise<void> {
    const current = await this.read();
    const next: StateFile = { projects: { ...current.projects, [state.summary.project]: state } };
    this.cached = Promise.resolve(next);
    await writeAtomically(this.file, JSON.stringify(next));
  }

  async loadColumns(project: string): Promise<ColumnCache | null> {
    return (await readJson<ColumnsFile>(this.columnsFile))?.projects?.[project] ?? null;
  }

  async saveColumns(project: string, cache: ColumnCache): Promise<void> {
    const current = (await readJson<ColumnsFile>(this.columnsFile))?.projects ?? {};
    await writeAtomically(this.columnsFile, JSON.stringify({ projects: { ...current, [project]: cache } }));
  }
}

function readStateFile(file: string): StateFile {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as StateFile;
    return parsed && typeof parsed.projects === "object" && parsed.projects ? parsed : { projects: {} };
  } catch {
    return { projects: {} };
  }
}

/** The parsed file, or null when it is missing or not JSON. */
async function readJson<T>(file: string): Promise<T | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, "utf8")) as T | null;
    return parsed && typeof parsed === "object" ? parsed : null;
  } catch {
    return null;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  await fs.mkdir(nodePath.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, text, "utf8");
  await fs.rename(temp, file);
}
