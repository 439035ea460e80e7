import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { describeVaultPort } from "../vault-port-contract";

describeVaultPort("FsVault", () => {
  const root = mkdtempSync(join(tmpdir(), "decp-vault-"));
  return { vault: new FsVault(root), cleanup: () => rmSync(root, { recursive: true, force: true }) };
});

describe("FsVault", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-vault-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("skips hidden folders", async () => {
    await vault.write("Copilot/Loops/LOOP-001 A.md", "x");
    await vault.write(".obsidian/app.json", "{}");
    expect(await vault.list()).toEqual(["Copilot/Loops/LOOP-001 A.md"]);
  });

  test("opening a file as a vault is a clear error", async () => {
    writeFileSync(join(root, "file.md"), "x");
    await expect(FsVault.open(join(root, "file.md"))).rejects.toThrow(/is a file, not a folder/);
    await expect(FsVault.open(join(root, "missing"))).rejects.toThrow(/does not exist/);
  });
});
