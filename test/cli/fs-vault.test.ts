import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { applyPlan, emptyPlan, planWrite } from "../../src/core/write-plan";

describe("FsVault", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-vault-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("writes, reads, lists and skips hidden folders", async () => {
    await vault.write("Copilot/Loops/LOOP-001 A.md", "x");
    await vault.write(".obsidian/app.json", "{}");
    expect(await vault.read("Copilot/Loops/LOOP-001 A.md")).toBe("x");
    expect(await vault.list()).toEqual(["Copilot/Loops/LOOP-001 A.md"]);
    expect(await vault.stat("Copilot/Loops")).toBeNull();
  });

  test("refuses paths outside the vault", async () => {
    await expect(vault.write("../escape.md", "x")).rejects.toThrow(/escapes the vault/);
    await expect(vault.read("/etc/passwd")).rejects.toThrow(/absolute/);
  });

  test("concurrent process() calls never lose an edit", async () => {
    await vault.write("n.md", "");
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.process("n.md", (t) => t + i + ",")));
    expect((await vault.read("n.md")).split(",").filter(Boolean)).toHaveLength(20);
  });

  test("processFrontMatter keeps the body and the user's keys", async () => {
    await vault.write("n.md", "---\nmine: keep\n---\nBody text\n");
    await vault.processFrontMatter("n.md", (fm) => {
      fm.status = "open";
    });
    expect(await vault.read("n.md")).toBe("---\nmine: keep\nstatus: open\n---\nBody text\n");
  });

  test("opening a file as a vault is a clear error", async () => {
    writeFileSync(join(root, "file.md"), "x");
    await expect(FsVault.open(join(root, "file.md"))).rejects.toThrow(/is a file, not a folder/);
    await expect(FsVault.open(join(root, "missing"))).rejects.toThrow(/does not exist/);
  });

  test("a plan is checked whole before anything is written", async () => {
    await vault.write("exists.md", "user text");
    const plan = emptyPlan();
    planWrite(plan, "new.md", "new", "create");
    planWrite(plan, "exists.md", "replaced", "create");
    await expect(applyPlan(vault, plan)).rejects.toThrow(/already exists/);
    expect(await vault.exists("new.md")).toBe(false);
    expect(await vault.read("exists.md")).toBe("user text");
  });

  test("an update planned from stale text is refused", async () => {
    await vault.write("a.md", "v1");
    const plan = emptyPlan();
    planWrite(plan, "a.md", "v2", "update", "v1");
    await vault.write("a.md", "user edit");
    await expect(applyPlan(vault, plan)).rejects.toThrow(/changed/);
    expect(await vault.read("a.md")).toBe("user edit");
  });
});
