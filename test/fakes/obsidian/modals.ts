// Modal, SuggestModal and FuzzySuggestModal with Obsidian's open/close and choose semantics, plus
// fake-only helpers to type a query and pick a suggestion. Open modals are listed for tests.

import type { App } from "./app";
import { requireDom } from "./dom";
import { Scope } from "./suggest";

/** Every modal currently open, oldest first. */
export const openModals: Modal[] = [];

export class Modal {
  app: App;
  scope = new Scope();
  containerEl: HTMLElement;
  modalEl: HTMLElement;
  titleEl: HTMLElement;
  contentEl: HTMLElement;
  shouldRestoreSelection = false;
  private closeCallback: (() => unknown) | null = null;
  private isOpen = false;

  constructor(app: App) {
    this.app = app;
    const doc = requireDom("A modal");
    this.containerEl = doc.createElement("div");
    this.containerEl.className = "modal-container";
    this.modalEl = this.containerEl.createDiv({ cls: "modal" });
    this.titleEl = this.modalEl.createDiv({ cls: "modal-title" });
    this.contentEl = this.modalEl.createDiv({ cls: "modal-content" });
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    openModals.push(this);
    document.body.appendChild(this.containerEl);
    const opened = this.onOpen();
    if (opened instanceof Promise) opened.catch((error: unknown) => console.error(error));
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    openModals.splice(openModals.indexOf(this), 1);
    this.containerEl.remove();
    this.onClose();
    this.closeCallback?.();
  }

  onOpen(): Promise<void> | void {}
  onClose(): void {}

  setTitle(title: string): this {
    this.titleEl.setText(title);
    return this;
  }

  setContent(content: string | DocumentFragment): this {
    this.contentEl.setText(content);
    return this;
  }

  setCloseCallback(callback: () => unknown): this {
    this.closeCallback = callback;
    return this;
  }

  /** Fake-only. */
  get opened(): boolean {
    return this.isOpen;
  }
}

export interface Instruction {
  command: string;
  purpose: string;
}

export abstract class SuggestModal<T> extends Modal {
  limit = 100;
  emptyStateText = "No results found.";
  inputEl: HTMLInputElement;
  resultContainerEl: HTMLElement;
  instructions: Instruction[] = [];
  /** Fake-only: suggestions for the current query, as rendered. */
  suggestions: T[] = [];

  constructor(app: App) {
    super(app);
    this.inputEl = this.modalEl.createEl("input", { cls: "prompt-input", type: "text" });
    this.resultContainerEl = this.modalEl.createDiv({ cls: "prompt-results" });
    this.modalEl.insertBefore(this.inputEl, this.contentEl);
  }

  override open(): void {
    super.open();
    void this.setQuery(this.inputEl.value);
  }

  setPlaceholder(placeholder: string): void {
    this.inputEl.placeholder = placeholder;
  }

  setInstructions(instructions: Instruction[]): void {
    this.instructions = instructions;
  }

  onNoSuggestion(): void {
    this.resultContainerEl.empty();
    this.resultContainerEl.createDiv({ cls: "suggestion-empty", text: this.emptyStateText });
  }

  /** Obsidian closes the modal, then calls onChooseSuggestion. */
  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    this.close();
    this.onChooseSuggestion(value, evt);
  }

  selectActiveSuggestion(evt: MouseEvent | KeyboardEvent): void {
    if (this.suggestions.length > 0) this.selectSuggestion(this.suggestions[0], evt);
  }

  /** Fake-only: types `query` into the input and renders the suggestions. */
  async setQuery(query: string): Promise<T[]> {
    this.inputEl.value = query;
    this.suggestions = (await this.getSuggestions(query)).slice(0, this.limit);
    this.resultContainerEl.empty();
    if (this.suggestions.length === 0) this.onNoSuggestion();
    for (const value of this.suggestions)
      this.renderSuggestion(value, this.resultContainerEl.createDiv({ cls: "suggestion-item" }));
    return this.suggestions;
  }

  /** Fake-only: picks the suggestion at `index` (or the first one matching `pick`), like pressing Enter on it. */
  chooseSuggestion(pick: number | ((value: T) => boolean) = 0): T {
    const value = typeof pick === "number" ? this.suggestions[pick] : this.suggestions.find(pick);
    if (value === undefined) throw new Error(`No such suggestion; have ${this.suggestions.length}`);
    this.selectSuggestion(value, new KeyboardEvent("keydown", { key: "Enter" }));
    return value;
  }

  abstract getSuggestions(query: string): T[] | Promise<T[]>;
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract onChooseSuggestion(item: T, evt: MouseEvent | KeyboardEvent): void;
}

export interface SearchResult {
  score: number;
  matches: [number, number][];
}
export interface FuzzyMatch<T> {
  item: T;
  match: SearchResult;
}

/** Characters of `query` in order inside `text` (case-insensitive); fewer gaps score higher. */
export function fuzzyMatch(query: string, text: string): SearchResult | null {
  const q = query.toLowerCase().replace(/\s+/g, "");
  const t = text.toLowerCase();
  const matches: [number, number][] = [];
  let from = 0;
  let gaps = 0;
  for (const ch of q) {
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    gaps += at - from;
    const last = matches[matches.length - 1];
    if (last && last[1] === at) last[1] = at + 1;
    else matches.push([at, at + 1]);
    from = at + 1;
  }
  return { score: -gaps - matches.length, matches };
}

export abstract class FuzzySuggestModal<T> extends SuggestModal<FuzzyMatch<T>> {
  getSuggestions(query: string): FuzzyMatch<T>[] {
    const out: FuzzyMatch<T>[] = [];
    for (const item of this.getItems()) {
      const match = fuzzyMatch(query, this.getItemText(item));
      if (match) out.push({ item, match });
    }
    return query.trim() === "" ? out : out.sort((a, b) => b.match.score - a.match.score);
  }

  renderSuggestion(item: FuzzyMatch<T>, el: HTMLElement): void {
    el.setText(this.getItemText(item.item));
  }

  onChooseSuggestion(item: FuzzyMatch<T>, evt: MouseEvent | KeyboardEvent): void {
    this.onChooseItem(item.item, evt);
  }

  abstract getItems(): T[];
  abstract getItemText(item: T): string;
  abstract onChooseItem(item: T, evt: MouseEvent | KeyboardEvent): void;
}

/** Closes every open modal (newest first); returns how many were closed. */
export function closeAllModals(): number {
  const count = openModals.length;
  for (const modal of [...openModals].reverse()) modal.close();
  return count;
}
