// ObsidianVault against the Obsidian fake: the same VaultPort behaviours as FsVault, plus what only
// Obsidian shows (metadata cache and events see every write).

import { ObsidianVault } from "../../src/obsidian/obsidian-vault";
import type { TFile } from "../fakes/obsidian";
import { asObsidianApp, createApp, settle } from "../fakes/obsidian-harness";
import { describeVaultPort } from "../vault-port-contract";

describeVaultPort("ObsidianVault", () => ({ vault: new ObsidianVault(asObsidianApp(createApp())) }));

describe("ObsidianVault", () => {
  test("edits go through Vault.process, so the metadata cache sees them", async () => {
    const app = createApp({ files: { "fct_orders.md": "", "n.md": "---\ntype: loop\n---\n" } });
    const vault = new ObsidianVault(asObsidianApp(app));
    const modified: string[] = [];
    app.vault.on("modify", (file: TFile) => modified.push(file.path));
    await vault.write("n.md", "---\ntype: loop\n---\nSee [[fct_orders]]\n");
    await vault.processFrontMatter("n.md", (fm) => {
      fm.status = "open";
    });
    expect(modified).toEqual(["n.md", "n.md"]);
    await settle();
    expect(app.metadataCache.getCache("n.md")?.frontmatter).toEqual({ type: "loop", status: "open" });
    expect(app.metadataCache.resolvedLinks["n.md"]).toEqual({ "fct_orders.md": 1 });
  });

  test("writing over a folder is refused, and nothing is created", async () => {
    const app = createApp({ files: { "dir/a.md": "" } });
    const vault = new ObsidianVault(asObsidianApp(app));
    await expect(vault.write("dir", "x")).rejects.toThrow(/is a folder/);
    expect(await vault.list()).toEqual(["dir/a.md"]);
  });

  test("lists like FsVault: files in hidden folders are not part of the vault", async () => {
    const app = createApp({ files: { ".obsidian/app.json": "{}", "a.md": "" } });
    expect(await new ObsidianVault(asObsidianApp(app)).list()).toEqual(["a.md"]);
  });
});

describe("ObsidianVault frontmatter edits", () => {
  test("broken YAML comes back as a UserError naming the note and the line, and the note is untouched", async () => {
    const text = "---\nid: LOOP-001\nstatus: [open\n---\nbody\n";
    const app = createApp({ files: { "Copilot/Loops/LOOP-001 Broken.md": text } });
    const vault = new ObsidianVault(asObsidianApp(app));
    const edit = vault.processFrontMatter("Copilot/Loops/LOOP-001 Broken.md", (fm) => {
      fm.status = "closed";
    });
    await expect(edit).rejects.toMatchObject({
      name: "UserError",
      where: { file: "Copilot/Loops/LOOP-001 Broken.md" },
    });
    await expect(edit).rejects.toThrow(/frontmatter/i);
    expect(await vault.read("Copilot/Loops/LOOP-001 Broken.md")).toBe(text);
  });
});
