// The demo is built in a MemoryVault: it must behave like the vaults it stands in for.
import { MemoryVault } from "../../src/demo/memory-vault";
import { describeVaultPort } from "../vault-port-contract";

describeVaultPort("MemoryVault", () => ({ vault: new MemoryVault() }));

describe("MemoryVault", () => {
  test("stamps each write with the time at writing, like mtimes on disk", async () => {
    let now = 1000;
    const vault = new MemoryVault(() => now);
    await vault.write("a.md", "A");
    now = 2000;
    await vault.write("b.md", "B");
    await vault.process("a.md", (text) => text);
    expect((await vault.stat("a.md"))?.mtime).toBe(1000);
    await vault.process("a.md", (text) => text + "!");
    expect((await vault.stat("a.md"))?.mtime).toBe(2000);
  });

  test("lists hidden folders only through allFiles, as FsVault skips them", async () => {
    const vault = new MemoryVault();
    await vault.write(".obsidian/app.json", "{}");
    await vault.write("note.md", "x");
    expect(await vault.list()).toEqual(["note.md"]);
    expect(vault.allFiles()).toEqual([".obsidian/app.json", "note.md"]);
  });
});
