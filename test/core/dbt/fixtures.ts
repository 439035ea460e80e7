// Shared helpers for dbt tests: the real jaffle_shop manifests (read-only) and temp FsVaults.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { DBT_FIXTURE_DIR } from "../../fixtures/paths";

export const FIXTURE_DIR = DBT_FIXTURE_DIR;
export const FIXTURES = [
  "jaffle_shop_v7_dbt1.3.json",
  "jaffle_shop_v9_dbt1.5.json",
  "jaffle_shop_v12_dbt1.8.json",
  "jaffle_shop_v12_dbt1.11.json",
];

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), "utf8");
}

export function fixtureManifest(name: string): Record<string, unknown> {
  return JSON.parse(fixtureText(name)) as Record<string, unknown>;
}

export class TempVault {
  readonly root = mkdtempSync(join(tmpdir(), "decp-dbt-"));
  readonly vault = new FsVault(this.root);
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
