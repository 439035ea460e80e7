// Setting controls (text, toggle, dropdown, slider, buttons, secret) backed by real DOM inputs.
// Fake-only `input(value)` acts like the user: it changes the control and awaits every onChange.

import type { App } from "./app";
import { withUserGesture } from "./platform";

type Listener<T> = (value: T) => unknown;

export abstract class BaseComponent {
  disabled = false;
  then(cb: (component: this) => unknown): this {
    cb(this);
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.disabled = disabled;
    return this;
  }
}

export abstract class ValueComponent<T> extends BaseComponent {
  protected listeners: Listener<T>[] = [];
  registerOptionListener(listeners: Record<string, (value?: T) => T>, key: string): this {
    void listeners;
    void key;
    return this;
  }
  onChange(callback: Listener<T>): this {
    this.listeners.push(callback);
    return this;
  }
  /** Fires the change listeners, as a user edit does; resolves when async listeners finish. */
  async onChanged(): Promise<void> {
    const value = this.getValue();
    await Promise.all(this.listeners.map((listener) => listener(value)));
  }
  /** Fake-only: the user sets the control to `value`. */
  async input(value: T): Promise<void> {
    if (this.disabled) throw new Error("The control is disabled");
    this.setValue(value);
    await this.onChanged();
  }
  abstract getValue(): T;
  abstract setValue(value: T): this;
}

export class AbstractTextComponent<T extends HTMLInputElement | HTMLTextAreaElement> extends ValueComponent<string> {
  inputEl: T;
  constructor(inputEl: T) {
    super();
    this.inputEl = inputEl;
    inputEl.addEventListener("input", () => void this.onChanged());
  }
  override setDisabled(disabled: boolean): this {
    this.inputEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  getValue(): string {
    return this.inputEl.value;
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  setPlaceholder(placeholder: string): this {
    this.inputEl.placeholder = placeholder;
    return this;
  }
  /** Fake-only: types `value` (input events) and leaves the field (a change event), as a user does. */
  override async input(value: string): Promise<void> {
    await super.input(value);
    this.inputEl.dispatchEvent(new Event("change"));
  }
}

export class TextComponent extends AbstractTextComponent<HTMLInputElement> {
  constructor(containerEl: HTMLElement) {
    super(containerEl.createEl("input", { type: "text" }));
  }
}

export class SearchComponent extends AbstractTextComponent<HTMLInputElement> {
  clearButtonEl: HTMLElement;
  constructor(containerEl: HTMLElement) {
    const wrapper = containerEl.createDiv({ cls: "search-input-container" });
    super(wrapper.createEl("input", { type: "search" }));
    this.clearButtonEl = wrapper.createDiv({ cls: "search-input-clear-button" });
  }
}

export class TextAreaComponent extends AbstractTextComponent<HTMLTextAreaElement> {
  constructor(containerEl: HTMLElement) {
    super(containerEl.createEl("textarea"));
  }
}

export class ToggleComponent extends ValueComponent<boolean> {
  toggleEl: HTMLElement;
  private on = false;
  constructor(containerEl: HTMLElement) {
    super();
    this.toggleEl = containerEl.createDiv({ cls: "checkbox-container" });
    this.toggleEl.addEventListener("click", () => this.onClick());
  }
  getValue(): boolean {
    return this.on;
  }
  setValue(on: boolean): this {
    this.on = on;
    this.toggleEl.toggleClass("is-enabled", on);
    return this;
  }
  setTooltip(tooltip: string): this {
    this.toggleEl.setAttr("aria-label", tooltip);
    return this;
  }
  onClick(): void {
    if (this.disabled) return;
    void this.input(!this.on);
  }
}

export class DropdownComponent extends ValueComponent<string> {
  selectEl: HTMLSelectElement;
  constructor(containerEl: HTMLElement) {
    super();
    this.selectEl = containerEl.createEl("select", { cls: "dropdown" });
    this.selectEl.addEventListener("change", () => void this.onChanged());
  }
  addOption(value: string, display: string): this {
    this.selectEl.createEl("option", { value, text: display });
    return this;
  }
  addOptions(options: Record<string, string>): this {
    for (const [value, display] of Object.entries(options)) this.addOption(value, display);
    return this;
  }
  getValue(): string {
    return this.selectEl.value;
  }
  setValue(value: string): this {
    this.selectEl.value = value;
    return this;
  }
  /** Fake-only: the option values, in order. */
  options(): string[] {
    return [...this.selectEl.options].map((o) => o.value);
  }
  override async input(value: string): Promise<void> {
    if (!this.options().includes(value))
      throw new Error(`Dropdown has no option "${value}" (has ${this.options().join(", ")})`);
    await super.input(value);
  }
}

export class SliderComponent extends ValueComponent<number> {
  sliderEl: HTMLInputElement;
  private format: (value: number) => string = String;
  constructor(containerEl: HTMLElement) {
    super();
    this.sliderEl = containerEl.createEl("input", { type: "range", cls: "slider" });
    this.sliderEl.addEventListener("change", () => void this.onChanged());
  }
  setInstant(instant: boolean): this {
    void instant;
    return this;
  }
  setLimits(min: number | null, max: number | null, step: number | "any"): this {
    if (min !== null) this.sliderEl.min = String(min);
    if (max !== null) this.sliderEl.max = String(max);
    this.sliderEl.step = String(step);
    return this;
  }
  getValue(): number {
    return Number(this.sliderEl.value);
  }
  setValue(value: number): this {
    this.sliderEl.value = String(value);
    return this;
  }
  getValuePretty(): string {
    return this.format(this.getValue());
  }
  setDisplayFormat(format: (value: number) => string): this {
    this.format = format;
    return this;
  }
  setDynamicTooltip(): this {
    return this;
  }
}

export class ButtonComponent extends BaseComponent {
  buttonEl: HTMLButtonElement;
  private callbacks: ((evt: MouseEvent) => unknown)[] = [];
  constructor(containerEl: HTMLElement) {
    super();
    this.buttonEl = containerEl.createEl("button");
    this.buttonEl.addEventListener("click", (evt) => void this.click(evt));
  }
  override setDisabled(disabled: boolean): this {
    this.buttonEl.disabled = disabled;
    return super.setDisabled(disabled);
  }
  setCta(): this {
    this.buttonEl.addClass("mod-cta");
    return this;
  }
  removeCta(): this {
    this.buttonEl.removeClass("mod-cta");
    return this;
  }
  setWarning(): this {
    this.buttonEl.addClass("mod-warning");
    return this;
  }
  setDestructive(): this {
    this.buttonEl.addClass("mod-destructive");
    return this;
  }
  removeDestructive(): this {
    this.buttonEl.removeClass("mod-destructive");
    return this;
  }
  setTooltip(tooltip: string): this {
    this.buttonEl.setAttr("aria-label", tooltip);
    return this;
  }
  setButtonText(name: string): this {
    this.buttonEl.setText(name);
    return this;
  }
  setIcon(icon: string): this {
    this.buttonEl.setAttr("data-icon", icon);
    return this;
  }
  setClass(cls: string): this {
    this.buttonEl.addClass(cls);
    return this;
  }
  onClick(callback: (evt: MouseEvent) => unknown): this {
    this.callbacks.push(callback);
    return this;
  }
  /** Fake-only: clicks and awaits async handlers. */
  async click(evt: MouseEvent = new MouseEvent("click")): Promise<void> {
    if (this.disabled) return;
    await Promise.all(withUserGesture(() => this.callbacks.map((cb) => cb(evt))));
  }
}

export class ExtraButtonComponent extends BaseComponent {
  extraSettingsEl: HTMLElement;
  private callbacks: (() => unknown)[] = [];
  constructor(containerEl: HTMLElement) {
    super();
    this.extraSettingsEl = containerEl.createDiv({ cls: "clickable-icon extra-setting-button" });
    this.extraSettingsEl.addEventListener("click", () => void this.click());
  }
  setTooltip(tooltip: string): this {
    this.extraSettingsEl.setAttr("aria-label", tooltip);
    return this;
  }
  setIcon(icon: string): this {
    this.extraSettingsEl.setAttr("data-icon", icon);
    return this;
  }
  onClick(callback: () => unknown): this {
    this.callbacks.push(callback);
    return this;
  }
  async click(): Promise<void> {
    if (this.disabled) return;
    await Promise.all(withUserGesture(() => this.callbacks.map((cb) => cb())));
  }
}

/** Picks a secret by name from app.secretStorage; its value is the secret's id, never the secret. */
export class SecretComponent extends BaseComponent {
  /** Fake-only: the input the user types the secret's id into. */
  readonly inputEl: HTMLInputElement;
  private listeners: ((value: string) => unknown)[] = [];
  constructor(
    readonly app: App,
    containerEl: HTMLElement,
  ) {
    super();
    this.inputEl = containerEl.createEl("input", { type: "text", cls: "secret-input" });
    this.inputEl.addEventListener("change", () => void this.changed());
  }
  setValue(value: string): this {
    this.inputEl.value = value;
    return this;
  }
  onChange(cb: (value: string) => unknown): this {
    this.listeners.push(cb);
    return this;
  }
  /** Fake-only: the secret id currently chosen. */
  get value(): string {
    return this.inputEl.value;
  }
  /** Fake-only: the user picks the secret named `id`; resolves when async listeners finish. */
  async input(id: string): Promise<void> {
    if (this.disabled) throw new Error("The control is disabled");
    this.setValue(id);
    await this.changed();
  }
  private async changed(): Promise<void> {
    await Promise.all(this.listeners.map((listener) => listener(this.inputEl.value)));
  }
}
