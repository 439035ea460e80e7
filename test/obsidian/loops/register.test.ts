/** @jest-environment jsdom */
// Loops in Obsidian, through the built main.js in the fake: capture with review, review of
// MCP proposals, status changes, the decp-loops code block and the inbox view.

import {
  allSettings,
  ButtonComponent,
  closeAllModals,
  findSetting,
  openModals,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
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

  test("capture: three proposals (one malformed), approve two, reject one -> two open notes with fresh ids and model links", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("capture-loops");
    await findSetting(modal().contentEl, "Agent reply").control(TextAreaComponent).input(REPLY);
    await click(allSettings(modal().contentEl).at(-1)!);

    const review = modal();
    expect(review.contentEl.querySelector(".decp-problems")?.textContent).toContain("Line 3: <title> is not closed");
    const approves = allSettings(review.contentEl).filter((s) => s.nameEl.textContent === "Approve");
    expect(approves).toHaveLength(3);
    await approves[2].control(ToggleComponent).input(false);
    const titles = allSettings(review.contentEl).filter((s) => s.nameEl.textContent === "Title");
    await titles[1].control(TextComponent).input("Currency of payment amounts");
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
    expect(loaded.notices().at(-1)).toContain("2 loops opened, 1 rejected");
    expect(loaded.notices().at(-1)).toContain("LOOP-001 was already taken in the vault: now LOOP-002");
    await loaded.unload();
  });

  test("review proposed loops: MCP proposals are approved or rejected (closed, never deleted)", async () => {
    const proposed = (id: string, title: string): string =>
      `---\nid: ${id}\ntype: loop\nstatus: proposed\ntitle: ${title}\ncaptured: 2026-01-21T10:00:00Z\nmodels: []\n---\n## Context\n\n## Question\n\n## Outcome\n`;
    const app = createApp({
      files: {
        ...files,
        "Copilot/Loops/LOOP-005 A.md": proposed("LOOP-005", "A"),
        "Copilot/Loops/LOOP-006 B.md": proposed("LOOP-006", "B"),
      },
    });
    const loaded = await loadBuiltPlugin(app);
    await loaded.run("review-proposed-loops");
    const approves = allSettings(modal().contentEl).filter((s) => s.nameEl.textContent === "Approve");
    await approves[1].control(ToggleComponent).input(false);
    await click(allSettings(modal().contentEl).at(-1)!);
    expect(await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-005 A.md")!)).toContain("status: open");
    const rejected = await app.vault.read(app.vault.getFileByPath("Copilot/Loops/LOOP-006 B.md")!);
    expect(rejected).toContain("status: closed");
    expect(rejected).toContain("Rejected in review");
    await loaded.unload();
  });

  test("change loop status: closing asks for the outcome", async () => {
    const app = createApp({ files });
    const loaded = await loadBuiltPlugin(app);
    await app.workspace.setActiveFile(app.vault.getFileByPath("Copilot/Loops/LOOP-001 Existing.md"));
    await loaded.run("change-loop-status");
    const picker = openModals.at(-1) as FuzzySuggestModal<string>;
    await picker.setQuery("closed");
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
    const waiting = [...view.contentEl.querySelectorAll("button")].find((b) => b.textContent === "Waiting for")!;
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
