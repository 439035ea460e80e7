// Generated dbt manifests for the import benchmarks: the project as compiled, and the same project
// compiled again (only generated_at and invocation_id differ, as after a fresh `dbt compile`).

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDbtProject } from "../../src/demo/generate-dbt-project";
import { progress } from "./figures";

export interface Manifests {
  file: string;
  recompiled: string;
  models: number;
  mb: number;
}

export function writeManifests(dir: string, models: number): Manifests {
  progress(`dbt: generating a ${models}-model project`);
  mkdirSync(dir, { recursive: true });
  const manifest = generateDbtProject({ models }).manifest as { metadata: Record<string, unknown> };
  const file = join(dir, "manifest.json");
  const text = JSON.stringify(manifest);
  writeFileSync(file, text);
  manifest.metadata = { ...manifest.metadata, generated_at: "2026-01-02T00:00:00.000000Z", invocation_id: "1" };
  const recompiled = join(dir, "manifest-recompiled.json");
  writeFileSync(recompiled, JSON.stringify(manifest));
  return { file, recompiled, models, mb: Buffer.byteLength(text) / 1e6 };
}
