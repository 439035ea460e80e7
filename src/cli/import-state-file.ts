// The CLI's dbt import state: <vault>/.decp/cache/dbt-import.json, one entry per project (see
// src/core/dbt/import-state.ts). Safe to delete: the next import reads and renders every note once.
// A corrupt file is ignored and rewritten; writes go through a temp file and a rename.

import { promises as fs } from "node:fs";
import * as nodePath from "node:path";
import type { ImportState, ImportStateStore } from "../core/dbt";

interface StateFile {
  projects: Record<string, ImportState>;
}

export class ImportStateFile implements ImportStateStore {
  readonly file: string;
  private cached?: Promise<StateFile>;

  constructor(vaultRoot: string) {
    this.file = nodePath.join(vaultRoot, ".decp", "cache", "dbt-import.json");
  }

  private read(): Promise<StateFile> {
    return (this.cached ??= fs
      .readFile(this.file, "utf8")
      .then((text) => {
        const parsed = JSON.parse(text) as StateFile;
        return parsed && typeof parsed.projects === "object" && parsed.projects ? parsed : { projects: {} };
      })
      .catch(() => ({ projects: {} })));
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
    await fs.mkdir(nodePath.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temp, JSON.stringify(next), "utf8");
    await fs.rename(temp, this.file);
  }
}
