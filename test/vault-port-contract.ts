// The behaviours every VaultPort must share (FsVault on a temp dir, ObsidianVault on the fake), so
// core code sees one vault whatever adapter runs it.

import type { VaultPort } from "../src/core/vault";
import { applyPlan, emptyPlan, planWrite } from "../src/core/write-plan";

export interface VaultUnderTest {
  vault: VaultPort;
  cleanup?: () => void;
}

export function describeVaultPort(name: string, open: () => Promise<VaultUnderTest> | VaultUnderTest): void {
  describe(`${name} as a VaultPort`, () => {
    let under: VaultUnderTest;
    let vault: VaultPort;
    beforeEach(async () => {
      under = await open();
      vault = under.vault;
    });
    afterEach(() => under.cleanup?.());

    test("writes, reads, overwrites and lists with parent folders created", async () => {
      await vault.write("Copilot/Loops/LOOP-001 A.md", "x");
      await vault.write("Copilot/Loops/LOOP-001 A.md", "y");
      await vault.write("top.md", "t");
      expect(await vault.read("Copilot/Loops/LOOP-001 A.md")).toBe("y");
      expect(await vault.list()).toEqual(["Copilot/Loops/LOOP-001 A.md", "top.md"]);
      expect(await vault.list("Copilot")).toEqual(["Copilot/Loops/LOOP-001 A.md"]);
      expect(await vault.list("Missing")).toEqual([]);
    });

    test("stat and exists are for files only", async () => {
      await vault.write("Copilot/Loops/n.md", "héllo");
      expect(await vault.stat("Copilot/Loops")).toBeNull();
      expect(await vault.exists("Copilot/Loops")).toBe(false);
      expect(await vault.exists("Copilot/Loops/n.md")).toBe(true);
      expect((await vault.stat("Copilot/Loops/n.md"))?.size).toBe(6);
    });

    test("reading a missing file is a user error naming it", async () => {
      await expect(vault.read("nope.md")).rejects.toThrow(/nope\.md/);
    });

    test("mkdir creates nested folders, is idempotent, and refuses a file in the way", async () => {
      await vault.mkdir("a/b/c");
      await vault.mkdir("a/b/c");
      await vault.write("a/b/c/n.md", "x");
      expect(await vault.list("a")).toEqual(["a/b/c/n.md"]);
      await expect(vault.mkdir("a/b/c/n.md")).rejects.toThrow(/file/);
    });

    test("refuses paths outside the vault", async () => {
      await expect(vault.write("../escape.md", "x")).rejects.toThrow(/escapes the vault/);
      await expect(vault.read("/etc/passwd")).rejects.toThrow(/absolute/);
      await expect(vault.write("a/\0.md", "x")).rejects.toThrow(/NUL/);
    });

    test("createExclusive creates once; of concurrent creates exactly one wins, whole", async () => {
      expect(await vault.createExclusive("Copilot/Context/r.md", "first")).toBe(true);
      expect(await vault.createExclusive("Copilot/Context/r.md", "second")).toBe(false);
      expect(await vault.read("Copilot/Context/r.md")).toBe("first");
      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, i) => vault.createExclusive(".decp/reserved/ids/LOOP-001", `${i}`)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await vault.createExclusive(".decp/reserved/ids/LOOP-002", "")).toBe(true);
    });

    test("normalizes paths: backslashes and duplicate slashes name the same file", async () => {
      await vault.write("dir//sub\\n.md", "x");
      expect(await vault.read("dir/sub/n.md")).toBe("x");
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

    // Each implementation edits through its own YAML writer (core's, the app's): these hold for all.
    test("processFrontMatter gives a note without frontmatter one, and leaves a --- line in the body alone", async () => {
      await vault.write("plain.md", "Body\n---\nnot frontmatter\n");
      await vault.processFrontMatter("plain.md", (fm) => {
        fm.type = "loop";
      });
      expect(await vault.read("plain.md")).toBe("---\ntype: loop\n---\nBody\n---\nnot frontmatter\n");
    });

    test("processFrontMatter hands timestamps over as the text the user typed, and writes lists back", async () => {
      await vault.write("t.md", "---\ncaptured: 2026-01-21T14:30:00Z\nmodels:\n  - fct_orders\n---\n");
      let seen: unknown;
      await vault.processFrontMatter("t.md", (fm) => {
        seen = fm.captured;
        fm.models = [...(fm.models as string[]), "stg_orders"];
      });
      expect(seen).toBe("2026-01-21T14:30:00Z");
      expect(await vault.read("t.md")).toBe(
        "---\ncaptured: 2026-01-21T14:30:00Z\nmodels:\n  - fct_orders\n  - stg_orders\n---\n",
      );
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
}
