// The GTD inbox: loops grouped as inbox, next actions, waiting for and done, filtered by model and
// session. It follows the loop index: one refresh per burst of changes, renames included, and a
// refresh that was overtaken by a newer one is dropped instead of painting an older list.

import { ItemView, Setting, type WorkspaceLeaf } from "obsidian";
import { filterLoops, type Loop, type LoopQuery, type LoopStatus } from "../../core/loops";
import { reportError } from "../report-error";
import type { LoopIndex } from "./loop-index";
import { renderLoopGroups } from "./loop-list";

export const LOOPS_VIEW_TYPE = "decp-loops-inbox";

/** The inbox shows loops of one model and one session, or all ("" is all). */
interface InboxFilter {
  model: string;
  session: string;
}

export class LoopsInboxView extends ItemView {
  private readonly filter: InboxFilter = { model: "", session: "" };
  private listEl!: HTMLElement;
  private filtersEl!: HTMLElement;
  private unsubscribe: (() => void) | null = null;
  private generation = 0;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly index: LoopIndex,
    private readonly onStatus: (loop: Loop, status: LoopStatus) => void,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return LOOPS_VIEW_TYPE;
  }

  getDisplayText(): string {
    return "Loops inbox";
  }

  override getIcon(): string {
    return "list-checks";
  }

  protected override async onOpen(): Promise<void> {
    this.contentEl.empty();
    this.contentEl.addClass("decp-loops-view");
    this.filtersEl = this.contentEl.createDiv({ cls: "decp-loops-filters" });
    this.listEl = this.contentEl.createDiv({ cls: "decp-loops-list" });
    this.unsubscribe = this.index.subscribe(() => void this.refresh().catch(reportError));
    await this.refresh();
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const { loops, unreadable } = await this.index.listing();
    if (generation !== this.generation) return;
    this.renderFilters(loops);
    const query: LoopQuery = {};
    if (this.filter.model) query.models = [this.filter.model];
    if (this.filter.session) query.sessions = [this.filter.session];
    renderLoopGroups(this.app, this.listEl, filterLoops(loops, query, new Date()), {
      now: new Date(),
      onStatus: this.onStatus,
    });
    if (unreadable.length) {
      const list = this.listEl.createEl("ul", { cls: "decp-problems" });
      for (const u of unreadable) list.createEl("li", { text: `Unreadable: ${u.error}` });
    }
  }

  private renderFilters(loops: Loop[]): void {
    this.filtersEl.empty();
    const models = [...new Set(loops.flatMap((l) => l.models))].sort();
    const sessions = [...new Set(loops.map((l) => l.session).filter((s): s is string => !!s))].sort().reverse();
    this.addFilter("model", "Model", "All models", models);
    this.addFilter("session", "Session", "All sessions", sessions);
  }

  private addFilter(key: keyof InboxFilter, name: string, all: string, values: string[]): void {
    new Setting(this.filtersEl).setName(name).addDropdown((d) => {
      d.addOption("", all);
      for (const value of values) d.addOption(value, value);
      d.setValue(this.filter[key]).onChange((v) => {
        this.filter[key] = v;
        void this.refresh().catch(reportError);
      });
    });
  }

  protected override async onClose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.contentEl.empty();
  }
}
