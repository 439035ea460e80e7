import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Settings } from "luxon";
import type { FsVault } from "../../../src/cli/fs-vault";
import { fixedClock } from "../../../src/core/ports";
import { changeLoopStatus, createLoops } from "../../../src/core/loops";
import { draftPrNarrative, writeHandoff, writeSessionSummary } from "../../../src/core/session";
import { expectApproved } from "../../support/approval";
import { buildSessionVault, daily, settings, SESSION_END } from "./session-vault";

Settings.defaultZone = "UTC";
const clock = fixedClock(SESSION_END);

describe("session summary and PR narrative", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => ({ root, vault } = await buildSessionVault()));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("summary is built from the vault's content", async () => {
    const result = await writeSessionSummary(vault, settings, daily, { clock });
    expect(result.path).toBe("Copilot/Sessions/2026-01-21 Session summary.md");
    expect(result.status).toBe("created");
    expectApproved("session-summary", await vault.read(result.path));
    expect((await writeSessionSummary(vault, settings, daily, { clock, date: "2026-01-21" })).status).toBe("unchanged");
  });

  test("summary includes the handoff when one was written", async () => {
    await writeHandoff(
      vault,
      settings,
      daily,
      { stoppedAt: "Refund join done", nextAction: "Reprocess late refunds", reading: ["stg_orders"] },
      clock,
    );
    const result = await writeSessionSummary(vault, settings, daily, { clock });
    expect(result.text).toContain("- Next action: Reprocess late refunds");
    expect(result.text).toContain("- Read first: [[stg_orders]]");
  });

  test("a rejected proposal is not an achievement; artifacts are what decp made, not every file touched", async () => {
    const { created } = await createLoops(vault, settings, [{ title: "Make fct_orders incremental" }], {
      clock: fixedClock("2026-01-21T16:00:00Z"),
      status: "proposed",
    });
    await changeLoopStatus(vault, created[0].path, "closed", {
      clock: fixedClock("2026-01-21T16:50:00Z"),
      outcome: "Rejected in review",
    });
    await writeHandoff(vault, settings, daily, { stoppedAt: "Refund join done", nextAction: "Reprocess" }, clock);
    const { text, data } = await writeSessionSummary(vault, settings, daily, { clock });
    const section = (title: string) => text.split(`## ${title}`)[1].split("\n## ")[0];
    expect(section("Achievements (closed)")).not.toContain("Make fct_orders incremental");
    expect(section("Achievements (closed)")).toContain("LOOP-002");
    expect(section("Rejected proposals (1)")).toContain("LOOP-005");
    expect(text).toContain("- 16:50 loop rejected: LOOP-005 Make fct_orders incremental");
    expect(text).toContain("loops_closed: 1\n");
    // rpt_revenue's note was modified that day, but not through decp: it is no artifact of the session.
    expect(data.artifacts).toEqual([
      "Daily/2026-01-21.md",
      "Copilot/Loops/LOOP-002 Confirm order grain after the refund join.md",
      "Copilot/Loops/LOOP-003 Currency of payment amounts.md",
      "Copilot/Loops/LOOP-004 Late arriving refunds.md",
      "Copilot/Loops/LOOP-005 Make fct_orders incremental.md",
      "Copilot/Context/2026-01-21 1400 fct_orders.md",
      "Copilot/Context/2026-01-21 1600 fct_orders.md",
      "dbt/acme/models/marts/fct_orders.md",
    ]);
  });

  test("an edited summary is never overwritten", async () => {
    const { path } = await writeSessionSummary(vault, settings, daily, { clock });
    writeFileSync(join(root, path), (await vault.read(path)) + "\nMy remark.\n");
    await expect(writeSessionSummary(vault, settings, daily, { clock })).rejects.toThrow(
      "was edited after decp wrote it",
    );
    expect(await vault.read(path)).toContain("My remark.");
  });

  test("PR narrative is built from loops, decisions and lineage", async () => {
    const result = await draftPrNarrative(vault, settings, daily, { clock, date: "2026-01-21" });
    expect(result.path).toBe("Copilot/Sessions/2026-01-21 PR narrative.md");
    expectApproved("pr-narrative", await vault.read(result.path));
  });

  test("PR narrative for chosen loops", async () => {
    const result = await draftPrNarrative(vault, settings, daily, { clock, loops: ["LOOP-002"], write: false });
    expect(result.text).toContain("Downstream (2): [[rpt_orders_daily]], [[rpt_revenue]]");
    expect(result.text).not.toContain("Late arriving refunds");
  });
});
