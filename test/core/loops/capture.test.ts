import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import { captureLoops, createLoops, listLoops, prepareCapture, proposalToDraft } from "../../../src/core/loops";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";

const clock = fixedClock("2026-01-21T16:00:00Z");
const settings = DEFAULT_SETTINGS;

export const AGENT_REPLY = `I refactored \`fct_orders\` to use the new staging model. Three things are still open:

<loop id="LOOP-001" status="open">
  <title>Confirm order grain after the refund join</title>
  <context>The refund join in fct_orders can fan out when an order has two refunds.</context>
  <question>Is fct_orders still one row per order_id?</question>
  <model>fct_orders</model>
  <captured>2026-01-21T14:30:00Z</captured>
</loop>

<loop>
  <title>Currency of amounts in stg_payments</title>
  <question>Are amounts in cents &amp; which currency?
  <context>Seen while reading stg_payments; the docs don&#39;t say.</context>
</loop>

<loop id="LOOP-001">
  <title>Drop test customers upstream?</title>
  <question>Should dim_customers filter is_test &lt;&gt; true?</question>
</loop>

Let me know which to pursue.`;

async function modelNote(vault: FsVault, path: string, type = "model"): Promise<void> {
  const name = path.split("/").pop()!.replace(/\.md$/, "");
  await vault.write(path, `---\ntype: ${type}\nname: ${name}\nunique_id: ${type}.acme.${name}\n---\n`);
}

describe("capture with approval", () => {
  let root: string;
  let vault: FsVault;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), "decp-capture-"));
    vault = new FsVault(root);
    await modelNote(vault, "dbt/acme/models/marts/fct_orders.md");
    await modelNote(vault, "dbt/acme/models/staging/stg_payments.md");
    await modelNote(vault, "dbt/acme/models/marts/dim_customers.md");
    await vault.write("dbt/acme/README.md", "stg_orders is not a model note");
    // LOOP-001 is already taken in the vault.
    await createLoops(vault, settings, [{ title: "Existing loop" }], { clock, status: "open" });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("three proposals (one malformed), two approved, one rejected -> two new open loops linked to their models", async () => {
    const prepared = await prepareCapture(vault, settings, AGENT_REPLY);
    expect(prepared.proposals.map((p) => p.title)).toEqual([
      "Confirm order grain after the refund join",
      "Currency of amounts in stg_payments",
      "Drop test customers upstream?",
    ]);
    expect(prepared.problems).toEqual([
      { line: 13, message: "<question> is not closed" },
      { line: 17, message: "LOOP-001 is used twice (first on line 3); this one gets a new id" },
    ]);
    expect(prepared.proposals[1].question).toBe("Are amounts in cents & which currency?");
    expect(prepared.proposals[1].context).toBe("Seen while reading stg_payments; the docs don't say.");
    expect(prepared.proposals.map((p) => p.models)).toEqual([["fct_orders"], ["stg_payments"], ["dim_customers"]]);

    // The human approves the first two (editing the title of the second) and rejects the third.
    const approved = [
      prepared.proposals[0],
      { ...prepared.proposals[1], title: "Currency and unit of payment amounts" },
    ];
    const result = await createLoops(
      vault,
      settings,
      approved.map((p) => proposalToDraft(p, "2026-01-21")),
      { clock, status: "open" },
    );
    expect(result.renumbered).toEqual([{ from: "LOOP-001", to: "LOOP-002", reason: "already taken in the vault" }]);

    const { loops } = await listLoops(vault, settings);
    const fresh = loops.filter((l) => l.title !== "Existing loop");
    expect(fresh.map((l) => [l.id, l.status, l.models, l.session])).toEqual([
      ["LOOP-002", "open", ["fct_orders"], "2026-01-21"],
      ["LOOP-003", "open", ["stg_payments"], "2026-01-21"],
    ]);
    for (const loop of fresh) {
      const text = await vault.read(loop.path);
      expect(text).toContain(`Models: [[${loop.models[0]}]]`);
    }
    expect(fresh[0].captured).toBe("2026-01-21T14:30:00Z");
    expect(loops.some((l) => l.title.startsWith("Drop test customers"))).toBe(false);
  });

  test("captureLoops writes everything as proposed and reports renumbering", async () => {
    const result = await captureLoops(vault, settings, AGENT_REPLY, { clock, session: "2026-01-21" });
    expect(result.created.map((l) => [l.id, l.status])).toEqual([
      ["LOOP-002", "proposed"],
      ["LOOP-003", "proposed"],
      ["LOOP-004", "proposed"],
    ]);
    expect(result.problems.map((p) => p.message)).toContain(
      "LOOP-001 is already taken in the vault; renumbered to LOOP-002",
    );
  });
});
