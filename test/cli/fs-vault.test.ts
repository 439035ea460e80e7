import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync, rmSync } from "node:fs";
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

  describe("confinement by real path", () => {
    let outside: string;
    beforeEach(() => {
      outside = mkdtempSync(join(tmpdir(), "decp-outside-"));
      writeFileSync(join(outside, "secret.md"), "outside text");
    });
    afterEach(() => rmSync(outside, { recursive: true, force: true }));

    test("a folder linked outside is refused for reads, writes, creates, listings and stats", async () => {
      mkdirSync(join(root, "Copilot"));
      symlinkSync(outside, join(root, "Copilot/Loops"));
      const refused = /"Copilot\/Loops.*" leads outside the vault through a symbolic link/;
      await expect(vault.write("Copilot/Loops/LOOP-001 A.md", "x")).rejects.toThrow(refused);
      await expect(vault.createExclusive("Copilot/Loops/LOOP-002 B.md", "x")).rejects.toThrow(refused);
      await expect(vault.read("Copilot/Loops/secret.md")).rejects.toThrow(refused);
      await expect(vault.process("Copilot/Loops/secret.md", () => "y")).rejects.toThrow(refused);
      await expect(vault.stat("Copilot/Loops/secret.md")).rejects.toThrow(refused);
      await expect(vault.list("Copilot/Loops")).rejects.toThrow(refused);
      await expect(vault.listStats("Copilot/Loops")).rejects.toThrow(refused);
      await expect(vault.mkdir("Copilot/Loops/sub")).rejects.toThrow(refused);
      expect(readdirSync(outside)).toEqual(["secret.md"]);
      // The whole-vault listing does not follow the link either, nor does its stat of every file.
      expect(await vault.list()).toEqual([]);
      expect(await vault.listStats()).toEqual([]);
    });

    test("a linked folder whose name extends the folder statted just before is still refused", async () => {
      await vault.write("dbt/a.md", "a");
      symlinkSync(outside, join(root, "dbt-out"));
      symlinkSync(outside, join(root, "dbt/sub"));
      // Each stat right after one in "dbt", whose check is still fresh: neither may ride on it.
      for (const path of ["dbt-out/secret.md", "dbt/sub/secret.md"]) {
        expect(await vault.stat("dbt/a.md")).not.toBeNull();
        await expect(vault.stat(path)).rejects.toThrow(/leads outside the vault through a symbolic link/);
      }
    });

    test("a note linked outside is not read; a link that stays inside is", async () => {
      symlinkSync(join(outside, "secret.md"), join(root, "leak.md"));
      await expect(vault.read("leak.md")).rejects.toThrow(/leak\.md" leads outside the vault/);
      writeFileSync(join(root, "real.md"), "inside");
      symlinkSync(join(root, "real.md"), join(root, "alias.md"));
      expect(await vault.read("alias.md")).toBe("inside");
    });

    test("listing with stats gives list()'s files with stat()'s figures, and never a linked note's", async () => {
      await vault.write("dbt/a.md", "a");
      await vault.write("dbt/sub/b.md", "bb");
      await vault.write("z.md", "zzz");
      symlinkSync(join(outside, "secret.md"), join(root, "dbt/leak.md"));
      symlinkSync(join(root, "z.md"), join(root, "dbt/alias.md"));
      for (const folder of ["", "dbt"]) {
        const listed = await vault.listStats(folder);
        expect(listed.map((f) => f.path)).toEqual(await vault.list(folder));
        for (const { path, stat } of listed) expect(stat).toEqual(await vault.stat(path));
      }
      expect((await vault.listStats("dbt")).map((f) => f.path)).toEqual(["dbt/a.md", "dbt/sub/b.md"]);
    });

    test("a vault opened through a linked path works as usual", async () => {
      const link = join(outside, "vault-link");
      symlinkSync(root, link);
      const linked = new FsVault(link);
      await linked.write("a/b.md", "x");
      expect(await linked.read("a/b.md")).toBe("x");
    });
  });

  test("temp files a killed writer left are removed by the next listing; names of any length write", async () => {
    mkdirSync(join(root, "dbt"));
    writeFileSync(join(root, "dbt/.decp-999999-1.tmp"), "");
    writeFileSync(join(root, "dbt/old.md.decp-999999-1700000000000.tmp"), "");
    writeFileSync(join(root, "dbt/n.md"), "x");
    expect(await vault.list("dbt")).toEqual(["dbt/n.md"]);
    expect(readdirSync(join(root, "dbt"))).toEqual(["n.md"]);
    const long = `${"é".repeat(120)}.md`; // 243 bytes: a temp name beside it must not add to it
    await vault.write(long, "x");
    expect(existsSync(join(root, long))).toBe(true);
  });
});
