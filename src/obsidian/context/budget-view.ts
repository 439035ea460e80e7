// The token budget view (right sidebar): the current selection with a bar per note, what goes over
// the budget, and the current context pack with per-note include/exclude toggles.

import { ItemView, type WorkspaceLeaf } from "obsidian";
import { describeTally, formatShare, formatTokens, type ContextPack, type PackOverride } from "../../core/context";
import type { ContextSession } from "./context-session";
import { askReason } from "./context-modals";
import { openListedFile } from "../open-file";

export const TOKEN_BUDGET_VIEW = "decp-token-budget";

export interface BudgetViewActions {
  expand(): void;
  copy(): void;
  save(): void;
  report(error: unknown): void;
}

export class TokenBudgetView extends ItemView {
  private unsubscribe: (() => void) | null = null;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly session: ContextSession,
    private readonly actions: BudgetViewActions,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return TOKEN_BUDGET_VIEW;
  }

  getDisplayText(): string {
    return "Token budget";
  }

  override getIcon(): string {
    return "gauge";
  }

  override async onOpen(): Promise<void> {
    this.unsubscribe = this.session.onChange(() => this.render());
    this.render();
  }

  override async onClose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  render(): void {
    const root = this.contentEl;
    root.empty();
    root.addClass("decp-budget-view");
    const { selection, pack } = this.session;
    if (!selection && !pack) {
      root.createEl("p", {
        cls: "decp-budget-empty",
        text: "Tally a note, folder, tag or selection, or build a context pack.",
      });
      return;
    }
    if (selection) this.renderSelection(root);
    if (pack) this.renderPack(root, pack);
  }

  private renderSelection(root: HTMLElement): void {
    const { label, tally } = this.session.selection as NonNullable<ContextSession["selection"]>;
    const section = root.createDiv({ cls: "decp-budget-section" });
    section.createEl("h4", { text: `Selection: ${label}` });
    section.createDiv({ cls: `decp-budget-summary decp-phase-${tally.phase}`, text: describeTally(tally) });
    this.bar(section, tally.total, tally.budget, "fill");
    let running = 0;
    for (const file of [...tally.files].sort((a, b) => b.tokens - a.tokens || a.path.localeCompare(b.path))) {
      running += file.tokens;
      const over = running > tally.budget;
      const row = this.row(
        section,
        file.path,
        `${formatTokens(file.tokens)} tokens${over ? " (over budget)" : ""}`,
        over,
      );
      this.bar(row, file.tokens, tally.budget, over ? "stop" : tally.phase);
      this.toggle(row, file.path);
    }
    for (const skipped of tally.skipped)
      this.row(section, skipped.path, `skipped: ${skipped.reason}`, false).addClass("decp-budget-skipped");
  }

  private renderPack(root: HTMLElement, pack: ContextPack): void {
    const section = root.createDiv({ cls: "decp-budget-section" });
    section.createEl("h4", { text: `Context pack: ${pack.focus.name}` });
    // Fill (of the pack's own budget) and phase (of the context window) are two different measures.
    section.createDiv({
      cls: "decp-budget-summary decp-budget-fill",
      text: `Fill: ${formatTokens(pack.used)} / ${formatTokens(pack.budget)} tokens, depth ${pack.depth}, ${pack.encoding}`,
    });
    this.bar(section, pack.used, pack.budget, "fill");
    section.createDiv({
      cls: `decp-budget-summary decp-budget-phase decp-phase-${pack.phase}`,
      text: `Phase: ${pack.phase} (this pack is ${formatShare(pack.used, pack.contextWindow)} of a ${formatTokens(pack.contextWindow)}-token context window)`,
    });
    if (pack.focusNeeds)
      section.createDiv({
        cls: "decp-budget-note",
        text: `Focus in compact form: the full note needs ${formatTokens(pack.focusNeeds.full)} tokens.`,
      });
    section.createEl("h5", { text: "Included" });
    for (const item of pack.included) {
      const row = this.row(
        section,
        item.path,
        `${formatTokens(item.tokens)} tokens, ${item.form}, ${item.reason}`,
        false,
      );
      this.bar(row, item.tokens, pack.budget, "fill");
      if (item.reason !== "focus") this.toggle(row, item.path);
    }
    if (pack.groups.length > 0) {
      section.createEl("h5", { text: "Excluded" });
      for (const group of pack.groups) {
        const el = section.createDiv({ cls: "decp-budget-group" });
        el.createDiv({
          text: `${group.reason}: ${group.files} ${group.files === 1 ? "file" : "files"}, ${formatTokens(group.tokens)} tokens`,
        });
        el.createDiv({ cls: "decp-budget-note", text: group.rationale });
        for (const e of pack.excluded.filter((x) => x.reason === group.reason).slice(0, 20))
          this.toggle(this.row(el, e.path, `${formatTokens(e.tokens)} tokens`, true), e.path);
      }
    }
    const buttons = section.createDiv({ cls: "decp-budget-actions" });
    buttons.createEl("button", { text: "Expand context" }).addEventListener("click", () => this.actions.expand());
    buttons.createEl("button", { text: "Copy context pack" }).addEventListener("click", () => this.actions.copy());
    buttons
      .createEl("button", { text: "Save context decision record" })
      .addEventListener("click", () => this.actions.save());
  }

  private row(parent: HTMLElement, path: string, detail: string, over: boolean): HTMLElement {
    const row = parent.createDiv({ cls: "decp-budget-row" });
    row.toggleClass("decp-budget-over", over);
    const name = row.createEl("a", {
      cls: "decp-budget-name",
      text: path.slice(path.lastIndexOf("/") + 1),
      attr: { title: path },
    });
    name.addEventListener("click", (event) => void openListedFile(this.app, path, event));
    row.createSpan({ cls: "decp-budget-detail", text: detail });
    return row;
  }

  /** A <progress> bar: no inline styles, coloured by phase through CSS classes. */
  private bar(parent: HTMLElement, value: number, max: number, phase: string): void {
    parent.createEl("progress", {
      cls: `decp-budget-bar decp-phase-${phase}`,
      attr: { max: String(max), value: String(Math.min(value, max)) },
    });
  }

  private toggle(row: HTMLElement, path: string): void {
    const current = this.session.overrides.find((o) => o.path === path);
    const excluded =
      current?.action === "exclude" || (this.session.pack?.excluded.some((e) => e.path === path) ?? false);
    const action: PackOverride["action"] = excluded ? "include" : "exclude";
    const button = row.createEl("button", { cls: "decp-budget-toggle", text: excluded ? "Include" : "Exclude" });
    button.addEventListener("click", () =>
      askReason(
        this.app,
        action,
        path.slice(path.lastIndexOf("/") + 1),
        (reason) =>
          void this.session.setOverride({ path, action, reason }).catch((error: unknown) => this.actions.report(error)),
      ),
    );
    if (current)
      row.createSpan({
        cls: "decp-budget-note",
        text: `${current.action === "include" ? "Included" : "Excluded"} by you: ${current.reason}`,
      });
  }
}
