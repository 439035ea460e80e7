// The fuzzy picker every "choose a model, loop, status, template or folder" step opens: a list, how
// each entry reads, and what choosing one does.

import { FuzzySuggestModal, type App } from "obsidian";

export interface PickerOptions<T> {
  placeholder: string;
  /** Called once per open, so the list reflects the vault as it is then (not on every keystroke). */
  items: () => readonly T[];
  describe: (item: T) => string;
  choose: (item: T) => void;
}

export class PickerModal<T> extends FuzzySuggestModal<T> {
  // Obsidian asks for the items on every keystroke: listing the vault each time costs a scan per key.
  private items: T[] = [];

  constructor(
    app: App,
    private readonly options: PickerOptions<T>,
  ) {
    super(app);
    this.setPlaceholder(options.placeholder);
  }

  override open(): void {
    this.items = [...this.options.items()];
    super.open();
  }

  getItems(): T[] {
    return this.items;
  }

  getItemText(item: T): string {
    return this.options.describe(item);
  }

  onChooseItem(item: T): void {
    this.options.choose(item);
  }
}
