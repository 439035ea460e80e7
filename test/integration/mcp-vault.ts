// A real vault for the MCP and CLI integration tests: laid out by `decp init`'s core, with the
// jaffle_shop project imported from the real manifest in test/fixtures/dbt; and the MCP server on it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { importDbtProject, readManifest } from "../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { planVaultLayout } from "../../src/core/templates";
import { applyPlan } from "../../src/core/write-plan";
import { dbtFixturePath } from "../fixtures/paths";
import { connectMcp, type McpSession } from "./mcp-client";

export const JAFFLE_MANIFEST = dbtFixturePath("jaffle_shop_v12_dbt1.8.json");

export async function jaffleVault(manifest = JAFFLE_MANIFEST): Promise<{ root: string; vault: FsVault }> {
  const root = mkdtempSync(join(tmpdir(), "decp-mcp-"));
  const vault = new FsVault(root);
  const settings = structuredClone(DEFAULT_SETTINGS);
  const layout = await planVaultLayout(vault, settings);
  for (const folder of layout.folders) await vault.mkdir(folder);
  await applyPlan(vault, layout.plan);
  await importDbtProject(vault, settings, readManifest(JSON.parse(readFileSync(manifest, "utf8")), manifest));
  return { root, vault };
}

/**
 * A fresh jaffle_shop vault and its own MCP connection for the enclosing describe block (so the
 * session meter starts at 0), both let go of after it.
 */
export function serveJaffle(): { root(): string; mcp(): McpSession } {
  let root: string;
  let mcp: McpSession;
  beforeAll(async () => {
    ({ root } = await jaffleVault());
    mcp = await connectMcp(root);
  });
  afterAll(async () => {
    await mcp?.close();
    rmSync(root, { recursive: true, force: true });
  });
  return { root: () => root, mcp: () => mcp };
}
