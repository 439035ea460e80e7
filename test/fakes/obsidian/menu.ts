// Menu and MenuItem record their items so file-menu and editor-menu tests can find and click one.

import { Component } from "./events";

export class MenuItem {
  title = "";
  icon: string | null = null;
  checked: boolean | null = null;
  disabled = false;
  warning = false;
  section = "";
  private callback: ((evt: MouseEvent | KeyboardEvent) => unknown) | null = null;

  setTitle(title: string | DocumentFragment): this {
    this.title = typeof title === "string" ? title : (title.textContent ?? "");
    return this;
  }
  setIcon(icon: string | null): this {
    this.icon = icon;
    return this;
  }
  setChecked(checked: boolean | null): this {
    this.checked = checked;
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
  setWarning(isWarning: boolean): this {
    this.warning = isWarning;
    return this;
  }
  setIsLabel(isLabel: boolean): this {
    void isLabel;
    return this;
  }
  setSection(section: string): this {
    this.section = section;
    return this;
  }
  onClick(callback: (evt: MouseEvent | KeyboardEvent) => unknown): this {
    this.callback = callback;
    return this;
  }
  /** Fake-only: clicks the item; resolves once an async callback is done. */
  async click(): Promise<void> {
    if (this.disabled || !this.callback) return;
    await this.callback(typeof MouseEvent === "undefined" ? ({} as MouseEvent) : new MouseEvent("click"));
  }
}

export class Menu extends Component {
  readonly items: MenuItem[] = [];
  shown = false;
  private hideCallbacks: (() => unknown)[] = [];

  setNoIcon(): this {
    return this;
  }
  setUseNativeMenu(useNativeMenu: boolean): this {
    void useNativeMenu;
    return this;
  }
  addItem(cb: (item: MenuItem) => unknown): this {
    const item = new MenuItem();
    cb(item);
    this.items.push(item);
    return this;
  }
  addSeparator(): this {
    return this;
  }
  setParentElement(el: HTMLElement): this {
    void el;
    return this;
  }
  showAtMouseEvent(evt: MouseEvent): this {
    void evt;
    this.shown = true;
    return this;
  }
  showAtPosition(position: { x: number; y: number }, doc?: Document): this {
    void position;
    void doc;
    this.shown = true;
    return this;
  }
  hide(): this {
    this.shown = false;
    for (const cb of this.hideCallbacks) cb();
    return this;
  }
  close(): void {
    this.hide();
  }
  onHide(callback: () => unknown): void {
    this.hideCallbacks.push(callback);
  }
  static forEvent(evt: PointerEvent | MouseEvent): Menu {
    return new Menu().showAtMouseEvent(evt);
  }
  /** Fake-only: the item with this title. */
  item(title: string): MenuItem | undefined {
    return this.items.find((i) => i.title === title);
  }
}
