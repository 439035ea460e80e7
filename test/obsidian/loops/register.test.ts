/** @jest-environment jsdom */
// Loops in Obsidian, through the built main.js in the fake: capture with review, review of
// MCP proposals, status changes, the decp-loops code block and the inbox view.

import {
  allSettings,
  ButtonComponent,
  closeAllModals,
  DropdownComponent,
  findSetting,
  openModals,
  TextAreaComponent,
  TextComponent,
  type FuzzySuggestModal,
  type Modal,
} from "../../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle, waitFor } from "../../fakes/obsidian-harness";

const model = (name: string): string =>
  `---\ntype: model\nname: ${name}\nunique_id: model.acme.${name}\nfqn: [acme, ${name}]\n---\n# ${name}\n`;

const files = {
  "dbt/acme/models/marts/fct_orders.md": model("fct_orders"),
  "dbt/acme/models/staging/stg_payments.md": model("stg_payments"),
  "Copilot/Loops/LOOP-001 Existing.md":
    "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Existing\ncaptured: 2026-01-20T10:00:00Z\nmodels: []\n---\n## Context\n\n## Question\n\n## Outcome\n",
};

const REPLY = `Three open points:
<loop id="LOOP-001"><title>Confirm order grain</title><question>Is fct_orders one row per order?</question></loop>
<loop><title>Currency of amounts<question>Cents?</loop>
<loop><title>Drop test customers</title><context>maybe later</context></loop>`;

function modal(): Modal {
  return openModals.at(-1) as Modal;
}

async function click(setting: { control(type: typeof ButtonComponent): ButtonComponent }): Promise<void> {
  await setting.control(ButtonComponent).click();
  await settle();
}

describe("loops in Obsidian", () => {
  afterEach(() => closeAllModals());

  test("capture: the malformed proposal is flagged and not pre-approved, the clashing id is flagged; approve, save for later, discard", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("capture-loops");
    await findSetting(modal().contentEl, "Agent reply").control(TextAreaComponent).input(REPLY);
    await click(allSettings(modal().contentEl).at(-1)!);

    const review = modal();
    const boxes = [...review.contentEl.querySelectorAll<HTMLElement>(".decp-review-item")];
    expect(boxes.map((b) => b.querySelector("h4")?.textContent)).toEqual([
      "LOOP-001 (line 2)",
      "New loop (line 3)",
      "New loop (line 4)",
    ]);
    const flags = boxes.map((b) => [...b.querySelectorAll(".decp-review-flags li")].map((li) => li.textContent));
    expect(flags[0]).toEqual(['LOOP-001 is taken in the vault by "Existing": this loop gets the next free id']);
    expect(flags[1]).toContain("Line 3: <title> is not closed");
    expect(flags[2]).toEqual(["No question: the agent did not say what needs answering"]);
    const decisions = allSettings(review.contentEl).filter((s) => s.nameEl.textContent === "Decision");
    // Whole proposals are offered approved; malformed ones wait for a decision.
    expect(decisions.map((d) => d.control(DropdownComponent).getValue())).toEqual(["approve", "later", "later"]);
    expect(boxes[2].querySelector(".decp-review-context")?.textContent).toBe("maybe later");
    const action = () => review.contentEl.querySelector<HTMLButtonElement>("button.mod-cta")?.textContent;
    expect(action()).toBe("Approve 1, save 2 as proposed");
    await decisions[1].control(DropdownComponent).input("approve");
    await decisions[2].control(DropdownComponent).input("reject");
    expect(action()).toBe("Approve 2, discard 1");
    const titles = allSettings(review.contentEl).filter((s) => s.nameEl.textContent === "Title");
    await titles[1].control(TextAreaComponent).input("Currency of payment amounts");
    const models = allSettings(review.contentEl).filter((s) => s.nameEl.textContent === "Models");
    await models[1].control(TextComponent).input("stg_payments");
    await click(allSettings(review.contentEl).at(-1)!);

    const loops = app.vault
      .getMarkdownFiles()
      .map((f) => f.path)
      .filter((p) => p.startsWith("Copilot/Loops/"))
      .sort();
    expect(loops).toEqual([
      "Copilot/Loops/LOOP-001 Existing.md",
      "Copilot/Loops/LOOP-002 Confirm order grain.md",
      "Copilot/Loops/LOOP-003 Currency of payment amounts.md",
    ]);
    const second = await app.vault.read(app.vault.getFileByPath(loops[1])!);
    expect(second).toContain("status: open");
    expect(second).toContain('  - "[[fct_orders]]"');
    expect(second).toContain("Models: [[fct_orders]]");
    expect(await app.vault.read(app.vault.getFileByPath(loops[2])!)).toContain('  - "[[stg_payments]]"');
    expect(loaded.notices().at(-1)).toContain("2 loops opened, 0 saved as proposed, 1 discarded");
    expect(loaded.notices().at(-1)).toContain("LOOP-001 was already taken in the vault: now LOOP-002");
    await loaded.unload();
  });

  test("capture: a proposal saved for later is written as proposed, for Review proposed loops", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("capture-loops");
    await findSetting(modal().contentEl, "Agent reply").control(TextAreaComponent).input(REPLY);
    await click(allSettings(modal().contentEl).at(-1)!);
    const decisions = allSettings(modal().contentEl).filter((s) => s.nameEl.textContent === "Decision");
    await decisions[0].control(DropdownComponent).input("reject");
    await click(allSettings(modal().contentEl).at(-1)!);
    const texts = await Promise.all(
      app.vault
        .getMarkdownFiles()
        .filter((f) => f.path.startsWith("Copilot/Loops/") && !f.path.includes("Existing"))
        .map((f) => app.vault.read(f)),
    );
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(text).toContain("status: proposed");
    await loaded.unload();
  });

  test("review proposed loops: MCP proposals are approved, rejected (closed, never deleted) or kept for later", async () => {
    const proposed = (id: string, title: string): string =>
      `---\nid: ${id}\ntype: loop\nstatus: proposed\ntitle: ${title}\ncaptured: 2026-01-21T10:00:00Z\nmodels: []\n---\n## Context\nWhy\n\n## Question\nWhat?\n\n## Outcome\n`;
    const app = createApp({
      files: {
        ...files,
        "Copilot/Loops/LOOP-005 A.md": proposed("LOOP-005", "A"),
        "Copilot/Loops/LOOP-006 B.md": proposed("LOOP-006", "B"),
        "Copilot/Loops/LOOP-007 C.md": proposed("LOOP-007", "C"),
      },
    });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("review-proposed-loops");
    expect(modal().contentEl.querySelector(".decp-review-context")?.textContent).toBe("Why");
    const decisions = allSettings(modal().contentEl).filter((s) => s.nameEl.textContent === "Decision");
    await decisions[1].control(DropdownComponent).input("reject");
    await decisions[2].control(DropdownComponent).input("later");
    expect(modal().contentEl.querySelector("button.mod-cta")?.textContent).toBe("Approve 1, keep 1 proposed, reject 1");
    await click(allSettings(modal().contentEl).at(-1)!);
    const read = (path: string) => app.vault.read(app.vault.getFileByPath(path)!);
    expect(await read("Copilot/Loops/LOOP-005 A.md")).toContain("status: open");
    const rejected = await read("Copilot/Loops/LOOP-006 B.md");
    expect(rejected).toContain("status: closed");
    expect(rejected).toContain("Rejected in review");
    expect(await read("Copilot/Loops/LOOP-007 C.md")).toContain("status: proposed");
    expect(loaded.notices().at(-1)).toBe("1 loops opened, 1 rejected, 1 still proposed");
    await loaded.unload();
  });

  test("change loop status: closing asks for the outcome", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await app.workspace.setActiveFile(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Existing.md"));
    await loaded.run("change-loop-status");
    const picker = openModals.at(-1) as FuzzySuggestModal<string>;
    await picker.setQuery("Close with outcome");
    picker.chooseSuggestion((m) => m.item === "closed");
    await settle();
    await findSetting(modal().contentEl, "Result").control(TextAreaComponent).input("Grain confirmed");
    await findSetting(modal().contentEl, "Decision").control(TextComponent).input("DECISION-002");
    await click(allSettings(modal().contentEl).at(-1)!);
    const text = await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Existing.md")!);
    expect(text).toMatch(/closed: \d{4}-\d\d-\d\dT/);
    expect(text).toContain("## Outcome\nResult: Grain confirmed\nDecision: [[DECISION-002]]");
    await loaded.unload();
  });

  test("decp-loops code block renders the query, and a bad line shows a clear error", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    const el = await app.renderCodeBlock("decp-loops", "status: open");
    await settle();
    expect(el.querySelector("h4")?.textContent).toBe("Next actions (1)");
    expect(el.querySelector(".decp-loop a")?.textContent).toBe("LOOP-001 Existing");
    const bad = await app.renderCodeBlock("decp-loops", "status: open\nowner: me", "Notes/Board.md");
    expect(bad.querySelector(".decp-error")?.textContent).toBe(
      'Notes/Board.md:2: Unknown key "owner". Use one of: status, model, session, captured, closed, limit',
    );
    await loaded.unload();
  });

  test("the inbox view groups loops and moves one with a click", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("open-loops-inbox");
    const leaf = app.workspace.getLeavesOfType("decp-loops-inbox")[0];
    const view = leaf.view as unknown as { contentEl: HTMLElement };
    await settle();
    expect(view.contentEl.querySelector(".decp-loops-group h4")?.textContent).toBe("Next actions (1)");
    const buttons = [...view.contentEl.querySelectorAll("button")];
    expect(buttons.map((b) => b.textContent)).toEqual(["Wait for answer", "Close with outcome…"]);
    const waiting = buttons.find((b) => b.textContent === "Wait for answer")!;
    waiting.click();
    await settle(6);
    expect(await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Existing.md")!)).toContain(
      "status: clarifying",
    );
    // The inbox follows the change once the loop index announces it (debounced).
    await waitFor(() =>
      expect(view.contentEl.querySelector(".decp-loops-group h4")?.textContent).toBe("Waiting for (1)"),
    );
    await loaded.unload();
  });
});

describe("loops on model notes", () => {
  afterEach(() => closeAllModals());

  test("Link loop to current model adds the link in frontmatter and body", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await app.workspace.setActiveFile(app.vault.getFileByPath("dbt/acme/models/marts/fct_orders.md"));
    await loaded.run("link-loop-to-model");
    const picker = openModals.at(-1) as FuzzySuggestModal<{ id: string }>;
    await picker.setQuery("Existing");
    picker.chooseSuggestion((m) => m.item.id === "LOOP-001");
    await settle(6);
    const text = await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Existing.md")!);
    expect(text).toContain('models:\n  - "[[fct_orders]]"');
    expect(text).toContain("## Context\nModels: [[fct_orders]]\n");
    expect(loaded.notices().at(-1)).toBe("LOOP-001 linked to fct_orders");
    await loaded.unload();
  });
});
