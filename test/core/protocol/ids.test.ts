import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import type { UserError } from "../../../src/core/errors";
import { claimId, formatId, issueIds, parseId, peekNextId } from "../../../src/core/protocol/ids";

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

  test("concurrent issues on one vault, and on two vault objects over the same folder, never share an id", async () => {
    const other = new FsVault(root);
    const batches = await Promise.all(
      Array.from({ length: 20 }, (_, i) => issueIds(i % 2 ? vault : other, "Copilot/Protocol", "LOOP", 2)),
    );
    const ids = batches.flat();
    expect(new Set(ids).size).toBe(40);
    expect(ids.sort()[0]).toBe("LOOP-001");
  });

  test.each([
    ["LOOP-9007199254740992", "beyond 6 digits"],
    ["LOOP-1000000", "beyond 6 digits"],
    ["LOOP-1e23", "not a LOOP-NNN id"],
    ["TASK-010", "not a LOOP-NNN id"],
    ["LOOP-000", "not a positive number"],
  ])("an agent's %s is refused (%s)", async (wanted, reason) => {
    expect(await claimId(vault, "Copilot/Protocol", "LOOP", wanted)).toEqual({ reason });
  });

  test("an agent's id within six digits is honoured without moving the register; fresh ids step over it", async () => {
    expect(await issueIds(vault, "Copilot/Protocol", "LOOP", 1)).toEqual(["LOOP-001"]);
    expect(await claimId(vault, "Copilot/Protocol", "LOOP", "LOOP-003")).toEqual({ id: "LOOP-003" });
    expect(await claimId(vault, "Copilot/Protocol", "LOOP", "LOOP-003")).toEqual({
      reason: "already taken in the vault",
    });
    expect(await claimId(vault, "Copilot/Protocol", "LOOP", "LOOP-001")).toEqual({
      reason: "already taken in the vault",
    });
    expect(await claimId(vault, "Copilot/Protocol", "LOOP", "LOOP-999999")).toEqual({ id: "LOOP-999999" });
    expect(await issueIds(vault, "Copilot/Protocol", "LOOP", 3)).toEqual(["LOOP-002", "LOOP-004", "LOOP-005"]);
  });

  test("a register holding an absurd number is a clear error, never LOOP-1e+23", async () => {
    await vault.write("Copilot/Protocol/ID register.md", "---\ntype: protocol\nloop: 1e23\n---\n");
    const failure = issueIds(vault, "Copilot/Protocol", "LOOP", 1);
    await expect(failure).rejects.toThrow("ID register has an invalid value for loop: 1e+23");
    await failure.catch((error: UserError) => expect(error.describe()).toContain("from 0 to 999999"));
  });
});
