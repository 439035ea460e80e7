import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { formatId, issueIds, parseId, peekNextId } from "../../../src/core/protocol/ids";

describe("protocol ids", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "decp-ids-"));
    vault = new FsVault(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test.each([
    [7, "LOOP-007"],
    [42, "LOOP-042"],
    [1234, "LOOP-1234"],
  ])("formats %d as %s", (n, id) => {
    expect(formatId("LOOP", n)).toBe(id);
    expect(parseId(id)).toEqual({ type: "LOOP", n });
  });

  test("continues after ids already in the vault and never reuses a deleted one", async () => {
    await vault.write("Copilot/Loops/LOOP-004 Grain.md", "x");
    expect(await peekNextId(vault, "Copilot/Protocol", "LOOP")).toBe("LOOP-005");
    expect(await issueIds(vault, "Copilot/Protocol", "LOOP", 2)).toEqual(["LOOP-005", "LOOP-006"]);
    // Deleting every loop note does not free the numbers.
    const { rmSync: rm } = await import("node:fs");
    rm(join(root, "Copilot/Loops"), { recursive: true });
    expect(await issueIds(vault, "Copilot/Protocol", "LOOP", 1)).toEqual(["LOOP-007"]);
    expect(await issueIds(vault, "Copilot/Protocol", "DECISION", 1)).toEqual(["DECISION-001"]);
  });
});
