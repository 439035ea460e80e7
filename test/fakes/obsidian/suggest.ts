// Popover suggesters (AbstractInputSuggest for settings inputs, EditorSuggest for typing triggers)
// and Scope/Keymap. Fake-only helpers type a query and pick a suggestion.

import type { App } from "./app";
import type { Editor, EditorPosition } from "./editor";
import type { Instruction } from "./modals";
import type { TFile } from "./vault";

export type Modifier = "Mod" | "Ctrl" | "Meta" | "Shift" | "Alt";
export interface KeymapEventHandler {
  scope: Scope;
  modifiers: string | null;
  key: string | null;
}
type KeymapEventListener = (evt: KeyboardEvent, ctx: unknown) => unknown;

export class Scope {
  /** Fake-only: registered key handlers. */
  readonly handlers: (KeymapEventHandler & { func: KeymapEventListener })[] = [];
  constructor(readonly parent?: Scope) {}
  register(modifiers: Modifier[] | null, key: string | null, func: KeymapEventListener): KeymapEventHandler {
    const handler = { scope: this, modifiers: modifiers?.join(",") ?? null, key, func };
    this.handlers.push(handler);
    return handler;
  }
  unregister(handler: KeymapEventHandler): void {
    const index = this.handlers.findIndex((h) => h === handler);
    if (index >= 0) this.handlers.splice(index, 1);
  }
}

export class Keymap {
  static isModEvent(evt?: UIEvent | null): boolean | "tab" | "split" | "window" {
    return Boolean(evt && ((evt as KeyboardEvent).ctrlKey || (evt as KeyboardEvent).metaKey));
  }
  static isModifier(evt: MouseEvent | TouchEvent | KeyboardEvent, modifier: Modifier): boolean {
    const e = evt as KeyboardEvent;
    return { Mod: e.ctrlKey || e.metaKey, Ctrl: e.ctrlKey, Meta: e.metaKey, Shift: e.shiftKey, Alt: e.altKey }[
      modifier
    ];
  }
}

export abstract class PopoverSuggest<T> {
  app: App;
  scope: Scope;
  /** Fake-only: whether the popover is showing, and what it shows. */
  isOpen = false;
  suggestions: T[] = [];

  constructor(app: App, scope?: Scope) {
    this.app = app;
    this.scope = scope ?? new Scope();
  }
  open(): void {
    this.isOpen = true;
  }
  close(): void {
    this.isOpen = false;
  }
  abstract renderSuggestion(value: T, el: HTMLElement): void;
  abstract selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void;

  /** Fake-only: picks the suggestion at `index` (or the first matching `pick`). */
  chooseSuggestion(pick: number | ((value: T) => boolean) = 0): T {
    const value = typeof pick === "number" ? this.suggestions[pick] : this.suggestions.find(pick);
    if (value === undefined) throw new Error(`No such suggestion; have ${this.suggestions.length}`);
    this.selectSuggestion(value, new KeyboardEvent("keydown", { key: "Enter" }));
    return value;
  }
}

export abstract class AbstractInputSuggest<T> extends PopoverSuggest<T> {
  limit = 100;
  private readonly textInputEl: HTMLInputElement | HTMLDivElement;
  private selectCallbacks: ((value: T, evt: MouseEvent | KeyboardEvent) => unknown)[] = [];

  constructor(app: App, textInputEl: HTMLInputElement | HTMLDivElement) {
    super(app);
    this.textInputEl = textInputEl;
    textInputEl.addEventListener("input", () => void this.refresh());
  }
  setValue(value: string): void {
    if (this.textInputEl instanceof HTMLInputElement) this.textInputEl.value = value;
    else this.textInputEl.textContent = value;
  }
  getValue(): string {
    return this.textInputEl instanceof HTMLInputElement ? this.textInputEl.value : (this.textInputEl.textContent ?? "");
  }
  protected abstract getSuggestions(query: string): T[] | Promise<T[]>;
  selectSuggestion(value: T, evt: MouseEvent | KeyboardEvent): void {
    for (const cb of this.selectCallbacks) cb(value, evt);
  }
  onSelect(callback: (value: T, evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.selectCallbacks.push(callback);
    return this;
  }
  /** Fake-only: types `query` into the input and lists the suggestions. */
  async setQuery(query: string): Promise<T[]> {
    this.setValue(query);
    return this.refresh();
  }
  private async refresh(): Promise<T[]> {
    this.suggestions = (await this.getSuggestions(this.getValue())).slice(0, this.limit);
    if (this.suggestions.length > 0) this.open();
    else this.close();
    return this.suggestions;
  }
}

export interface EditorSuggestTriggerInfo {
  start: EditorPosition;
  end: EditorPosition;
  query: string;
}
export interface EditorSuggestContext extends EditorSuggestTriggerInfo {
  editor: Editor;
  file: TFile;
}

export abstract class EditorSuggest<T> extends PopoverSuggest<T> {
  context: EditorSuggestContext | null = null;
  limit = 100;
  instructions: Instruction[] = [];
  setInstructions(instructions: Instruction[]): void {
    this.instructions = instructions;
  }
  abstract onTrigger(cursor: EditorPosition, editor: Editor, file: TFile | null): EditorSuggestTriggerInfo | null;
  abstract getSuggestions(context: EditorSuggestContext): T[] | Promise<T[]>;

  /** Fake-only: what Obsidian does after each keystroke: trigger check, then suggestions. */
  async trigger(editor: Editor, file: TFile): Promise<T[]> {
    const info = this.onTrigger(editor.getCursor(), editor, file);
    if (!info) {
      this.context = null;
      this.close();
      return (this.suggestions = []);
    }
    this.context = { ...info, editor, file };
    this.suggestions = (await this.getSuggestions(this.context)).slice(0, this.limit);
    this.open();
    return this.suggestions;
  }
}
