// The fuzzy picker every "choose a model, loop, status, template or folder" step opens: a list, how
// each entry reads, and what choosing one does.

import { FuzzySuggestModal, type App } from "obsidian";

export interface PickerOptions<T> {
  placeholder: string;
  /** Called on every open, so the list reflects the vault as it is then. */
  items: () => readonly T[];
  describe: (item: T) => string;
  choose: (item: T) => void;
}

export class PickerModal<T> extends FuzzySuggestModal<T> {
  constructor(
    app: App,
    private readonly options: PickerOptions<T>,
  ) {
    super(app);
    this.setPlaceholder(options.placeholder);
  }

  getItems(): T[] {
    return [...this.options.items()];
  }

  getItemText(item: T): string {
    return this.options.describe(item);
  }

  onChooseItem(item: T): void {
    this.options.choose(item);
  }
}
