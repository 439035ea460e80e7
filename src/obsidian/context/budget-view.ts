// The token budget view (right sidebar): the last tally or context pack at a glance. The pack's fill
// of its budget and the session phase are shown apart; each note takes one dense line (name, tokens,
// form, why, a toggle); excluded notes are listed in full, grouped by reason, in a neutral colour.

import { ItemView, type WorkspaceLeaf } from "obsidian";
import { formatTokens, notesPastBudget, type ContextPack, type PackItem, type PackOverride } from "../../core/context";
import { openListedFile } from "../open-file";
import { packFigures, tallyFigures } from "./budget-figures";
import { renderGauges, renderRows, type NoteRow } from "./budget-table";
import { askReason } from "./context-modals";
import type { BudgetSelection, ContextSession } from "./context-session";

export const TOKEN_BUDGET_VIEW = "decp-token-budget";

/** Rows listed per group (excluded notes, children named only) before "Show N more". */
const FIRST_IN_GROUP = 5;

export interface BudgetViewActions {
  expand(): void;
  copy(): void;
  save(): void;
  /** Opens the build form around a note (the active one), or with an empty focus. */
  buildPack(focus?: string): void;
  tallyNote(path: string): void;
  tallyFolder(): void;
  report(error: unknown): void;
}

export class TokenBudgetView extends ItemView {
  private unsubscribe: (() => void) | null = null;
  /** Groups the user expanded ("named", "excluded:<reason>"). */
  private readonly expanded = new Set<string>();

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
    // The empty state offers the active note: keep it current.
    this.registerEvent(this.app.workspace.on("file-open", () => this.renderIfEmpty()));
    this.render();
  }

  override async onClose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private renderIfEmpty(): void {
    if (!this.session.selection && !this.session.pack) this.render();
  }

  render(): void {
    const root = this.contentEl;
    root.empty();
    root.addClass("decp-budget-view");
    const { selection, pack } = this.session;
    if (!selection && !pack) return this.renderEmpty(root);
    if (pack) this.renderPack(root, pack);
    if (selection) this.renderSelection(root, selection);
  }

  private renderEmpty(root: HTMLElement): void {
    const box = root.createDiv({ cls: "decp-budget-empty" });
    box.createEl("p", {
      text: "Nothing counted yet. Build a context pack around a note, or tally notes to see their tokens.",
    });
    const buttons = box.createDiv({ cls: "decp-budget-actions" });
    const active = this.app.workspace.getActiveFile();
    if (active) {
      this.button(buttons, `Build pack around ${active.basename}`, () => this.actions.buildPack(active.basename), true);
      this.button(buttons, `Tally ${active.basename}`, () => this.actions.tallyNote(active.path));
    } else this.button(buttons, "Build context pack…", () => this.actions.buildPack(), true);
    this.button(buttons, "Tally folder…", () => this.actions.tallyFolder());
  }

  private button(parent: HTMLElement, text: string, run: () => void, cta = false): void {
    const button = parent.createEl("button", { text, cls: cta ? "mod-cta" : "", attr: { title: text } });
    button.addEventListener("click", run);
  }

  private heading(parent: HTMLElement, text: string, tooltip = text): void {
    parent.createEl("h4", { cls: "decp-budget-heading", text, attr: { title: tooltip } });
  }

  private renderPack(root: HTMLElement, pack: ContextPack): void {
    const section = root.createDiv({ cls: "decp-budget-section decp-budget-pack" });
    this.heading(section, `Context pack: ${pack.focus.name}`);
    renderGauges(section, packFigures(pack), "pack");
    const notes = [`Depth ${pack.depth}`, pack.encoding];
    if (pack.focusNeeds) notes.push(`focus in compact form (in full: ${formatTokens(pack.focusNeeds.full)} tokens)`);
    if (pack.sqlLeftOut.length) notes.push(`SQL left out of ${pack.sqlLeftOut.join(", ")} to fit`);
    section.createDiv({ cls: "decp-budget-note", text: notes.join(" · ") });

    section.createEl("h5", { text: `Included (${pack.included.length})` });
    const row = (item: PackItem): NoteRow => ({
      path: item.path,
      tokens: item.tokens,
      noteTokens: this.session.noteTokens(item.path),
      form: item.form,
      why: item.group ?? item.reason,
      on: true,
      toggle: item.cause.kind === "focus" ? null : this.packToggle(item.path, "exclude"),
      open: (event) => void openListedFile(this.app, item.path, event),
    });
    // Children the focus card only names are many and cheap: a group of their own, opened on request.
    const named = pack.included.filter((item) => item.form === "name");
    renderRows(section, pack.included.filter((item) => item.form !== "name").map(row), pack.budget, "included");
    if (named.length > 0) {
      const tokens = named.reduce((sum, item) => sum + item.tokens, 0);
      const group = section.createDiv({ cls: "decp-budget-group" });
      const title = `Named in the focus card: ${named.length} ${named.length === 1 ? "model" : "models"}, ${formatTokens(tokens)} tokens`;
      group.createDiv({ cls: "decp-budget-group-title", text: title, attr: { title } });
      group.createDiv({
        cls: "decp-budget-note",
        text: "Children listed by name, most relevant first; the agent asks for any it needs.",
      });
      this.renderSome(group, "named", named.map(row), pack.budget, "included");
    }

    if (pack.excluded.length > 0) {
      section.createEl("h5", { text: `Excluded (${pack.excluded.length})` });
      for (const group of pack.groups) this.renderExcludedGroup(section, pack, group.reason, group.rationale);
    }
    const buttons = section.createDiv({ cls: "decp-budget-actions" });
    this.button(buttons, "Copy context pack", () => this.actions.copy(), true);
    this.button(buttons, "Expand context", () => this.actions.expand());
    this.button(buttons, "Save context decision record", () => this.actions.save());
  }

  private renderExcludedGroup(parent: HTMLElement, pack: ContextPack, reason: string, rationale: string): void {
    const members = pack.excluded.filter((e) => e.reason === reason);
    const tokens = members.reduce((sum, e) => sum + e.tokens, 0);
    const group = parent.createDiv({ cls: "decp-budget-group decp-budget-excluded" });
    const title = `${reason}: ${members.length} ${members.length === 1 ? "note" : "notes"}, ${formatTokens(tokens)} tokens`;
    group.createDiv({ cls: "decp-budget-group-title", text: title, attr: { title: `${title}. ${rationale}` } });
    group.createDiv({ cls: "decp-budget-note", text: rationale });
    const rows: NoteRow[] = members.map((e) => ({
      path: e.path,
      tokens: e.tokens,
      noteTokens: this.session.noteTokens(e.path),
      why: "",
      on: false,
      toggle: this.packToggle(e.path, "include"),
      open: (event) => void openListedFile(this.app, e.path, event),
    }));
    this.renderSome(group, `excluded:${reason}`, rows, pack.budget, "excluded");
  }

  /** The first few rows of a long group, and "Show N more" for the rest. */
  private renderSome(
    group: HTMLElement,
    key: string,
    rows: NoteRow[],
    budget: number,
    kind: "included" | "excluded",
  ): void {
    const shown = this.expanded.has(key) ? rows : rows.slice(0, FIRST_IN_GROUP);
    renderRows(group, shown, budget, kind);
    const hidden = rows.length - shown.length;
    if (hidden > 0)
      this.button(group, `Show ${hidden} more`, () => {
        this.expanded.add(key);
        this.render();
      });
  }

  /** Include or exclude a note in the pack: asks the reason, then rebuilds the pack with it. */
  private packToggle(path: string, action: PackOverride["action"]): NoteRow["toggle"] {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return {
      label: action === "exclude" ? `Exclude ${name} from the pack` : `Include ${name} in the pack`,
      run: () =>
        askReason(
          this.app,
          action,
          name,
          (reason) =>
            void this.session
              .setOverride({ path, action, reason })
              .catch((error: unknown) => this.actions.report(error)),
        ),
    };
  }

  private renderSelection(root: HTMLElement, selection: BudgetSelection): void {
    const { tally } = selection;
    const section = root.createDiv({ cls: "decp-budget-section decp-budget-tally" });
    // Several picked notes or folders: their count, with each one on its own line in the tooltip.
    const { picked } = selection;
    const text = picked.length > 1 ? `Tally: ${selection.paths.length} notes` : `Tally: ${selection.label}`;
    this.heading(section, text, picked.length > 1 ? [text, ...picked].join("\n") : text);
    renderGauges(section, tallyFigures(tally), "tally");
    const past = notesPastBudget(tally.files, tally.budget);
    if (past.size > 0)
      section.createDiv({
        cls: "decp-budget-note",
        text: `${past.size} ${past.size === 1 ? "note does" : "notes do"} not fit in the ${formatTokens(tally.budget)}-token budget.`,
      });
    const counted: NoteRow[] = [...tally.files]
      .sort((a, b) => b.tokens - a.tokens || a.path.localeCompare(b.path))
      .map((file) => ({
        path: file.path,
        tokens: file.tokens,
        why: "",
        over: past.has(file.path),
        on: true,
        toggle: this.tallyToggle(file.path, true),
        open: (event) => void openListedFile(this.app, file.path, event),
      }));
    const left: NoteRow[] = selection.leftOut.map((path) => ({
      path,
      tokens: selection.leftOutTokens.get(path) ?? 0,
      why: "left out by you",
      on: false,
      toggle: this.tallyToggle(path, false),
      open: (event) => void openListedFile(this.app, path, event),
    }));
    renderRows(section, [...counted, ...left], tally.budget, null);
    for (const skipped of tally.skipped)
      section.createDiv({ cls: "decp-budget-note", text: `Skipped ${skipped.path}: ${skipped.reason}` });
  }

  /** Leaves a note out of the tally (or counts it again): the tally is summed anew, the next pack is untouched. */
  private tallyToggle(path: string, counted: boolean): NoteRow["toggle"] {
    const name = path.slice(path.lastIndexOf("/") + 1);
    return {
      label: counted ? `Leave ${name} out of the tally` : `Count ${name} in the tally again`,
      run: () => void this.session.leaveOut(path, counted).catch((error: unknown) => this.actions.report(error)),
    };
  }
}
