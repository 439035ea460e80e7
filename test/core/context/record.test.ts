import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../../src/cli/fs-vault";
import {
  buildPack,
  listContextRecords,
  openPackSources,
  renderContextLoaded,
  saveContextRecord,
} from "../../../src/core/context";
import { parseNote } from "../../../src/core/frontmatter";
import { fixedClock } from "../../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { expectApproved } from "../../support/approval";
import { writePlainVault } from "./pack-vault";

let root: string;
let vault: FsVault;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-record-"));
  vault = new FsVault(root);
  await writePlainVault(vault);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function pack(budget = 1000) {
  return buildPack(await openPackSources(vault, DEFAULT_SETTINGS), {
    focus: "Migration plan",
    budget,
    overrides: [{ path: "Daily/2026-01-21.md", action: "exclude", reason: "old notes | not needed" }],
  });
}

test("approval: the context decision record users get", async () => {
  const path = await saveContextRecord(vault, DEFAULT_SETTINGS, await pack(), fixedClock("2026-01-21T14:30:05.123Z"));
  expect(path).toBe("Copilot/Context/2026-01-21 1430 Migration plan.md");
  const text = await vault.read(path);
  expectApproved("context/decision-record", text);
});

test("the record carries the protocol frontmatter and the <context_loaded> block shaped as in docs/ARCHITECTURE.md", async () => {
  const p = await pack();
  const path = await saveContextRecord(vault, DEFAULT_SETTINGS, p, fixedClock("2026-01-21T14:30:00Z"));
  const { frontmatter, body } = parseNote(await vault.read(path));
  expect(frontmatter).toEqual({
    type: "context",
    budget: 1000,
    used: p.used,
    phase: p.phase,
    context_window: 200000,
    encoding: "o200k_base",
    focus: "[[Migration plan]]",
    selector: null,
    created: "2026-01-21T14:30:00Z",
  });
  const xml = renderContextLoaded(p);
  expect(body).toContain("```xml\n" + xml + "\n```");
  expect(xml.split("\n")).toEqual([
    "<context_loaded>",
    `  <budget total="1000" used="${p.used}" remaining="${1000 - p.used}" phase="${p.phase}" context_window="200000" encoding="o200k_base"/>`,
    '  <included reason="focus">',
    `    <file path="Projects/Migration plan.md" tokens="${p.included[0].tokens}" form="full"/>`,
    "  </included>",
    '  <included reason="linked notes">',
    `    <file path="Projects/Risks.md" tokens="${p.included[1].tokens}" form="full"/>`,
    `    <file path="Projects/Timeline.md" tokens="${p.included[2].tokens}" form="full"/>`,
    "  </included>",
    `  <excluded reason="excluded by you: old notes | not needed" files="1" tokens="${p.excluded.find((e) => e.path.startsWith("Daily"))?.tokens}">`,
    "    <rationale>Excluded by the user for this task.</rationale>",
    "  </excluded>",
    `  <excluded reason="linked beyond depth 1" files="1" tokens="${p.excluded.find((e) => e.path === "Glossary.md")?.tokens}">`,
    "    <rationale>Further from the focus than this pack reaches; Expand context adds the next ring.</rationale>",
    "  </excluded>",
    "</context_loaded>",
  ]);
});

test("listContextRecords: newest first, only type: context notes, and a same-minute save does not overwrite", async () => {
  const p = await pack();
  const first = await saveContextRecord(vault, DEFAULT_SETTINGS, p, fixedClock("2026-01-21T09:00:00Z"));
  const second = await saveContextRecord(vault, DEFAULT_SETTINGS, await pack(2000), fixedClock("2026-01-22T09:00:00Z"));
  const third = await saveContextRecord(vault, DEFAULT_SETTINGS, p, fixedClock("2026-01-22T09:00:30Z"));
  await vault.write("Copilot/Context/readme.md", "# Not a record\n");
  expect(third).toBe("Copilot/Context/2026-01-22 0900 Migration plan 2.md");
  const records = await listContextRecords(vault, DEFAULT_SETTINGS);
  expect(records.map((r) => r.path)).toEqual([third, second, first]);
  expect(records[1]).toEqual({
    path: second,
    created: "2026-01-22T09:00:00Z",
    focus: "Migration plan",
    budget: 2000,
    used: records[1].used,
    phase: records[1].phase,
  });
});
