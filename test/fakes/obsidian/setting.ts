// Setting rows and PluginSettingTab. Tests find a row by its name (`findSetting`) and drive its
// controls through their fake-only `input()` / `click()`.

import type { App } from "./app";
import {
  BaseComponent,
  ButtonComponent,
  DropdownComponent,
  ExtraButtonComponent,
  SearchComponent,
  SliderComponent,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
} from "./setting-components";

const settingsByEl = new WeakMap<HTMLElement, Setting>();

export class Setting {
  settingEl: HTMLElement;
  infoEl: HTMLElement;
  nameEl: HTMLElement;
  descEl: HTMLElement;
  controlEl: HTMLElement;
  components: BaseComponent[] = [];
  errorEl: HTMLElement | null = null;
  /** Fake-only: true after setHeading(). */
  isHeading = false;

  constructor(containerEl: HTMLElement) {
    this.settingEl = containerEl.createDiv({ cls: "setting-item" });
    this.infoEl = this.settingEl.createDiv({ cls: "setting-item-info" });
    this.nameEl = this.infoEl.createDiv({ cls: "setting-item-name" });
    this.descEl = this.infoEl.createDiv({ cls: "setting-item-description" });
    this.controlEl = this.settingEl.createDiv({ cls: "setting-item-control" });
    settingsByEl.set(this.settingEl, this);
  }

  setName(name: string | DocumentFragment): this {
    this.nameEl.setText(name);
    return this;
  }
  setDesc(desc: string | DocumentFragment): this {
    this.descEl.setText(desc);
    return this;
  }
  setClass(cls: string): this {
    this.settingEl.addClass(cls);
    return this;
  }
  setTooltip(tooltip: string): this {
    this.nameEl.setAttr("aria-label", tooltip);
    return this;
  }
  setHeading(): this {
    this.isHeading = true;
    this.settingEl.addClass("setting-item-heading");
    return this;
  }
  setDisabled(disabled: boolean): this {
    this.settingEl.toggleClass("is-disabled", disabled);
    for (const c of this.components) c.setDisabled(disabled);
    return this;
  }
  setErrorMessage(message: string | null): this {
    if (message === null) {
      this.errorEl?.remove();
      this.errorEl = null;
      return this;
    }
    this.errorEl ??= this.infoEl.createDiv({ cls: "setting-item-error" });
    this.errorEl.setText(message);
    return this;
  }
  addButton(cb: (component: ButtonComponent) => unknown): this {
    return this.add(new ButtonComponent(this.controlEl), cb);
  }
  addExtraButton(cb: (component: ExtraButtonComponent) => unknown): this {
    return this.add(new ExtraButtonComponent(this.controlEl), cb);
  }
  addToggle(cb: (component: ToggleComponent) => unknown): this {
    return this.add(new ToggleComponent(this.controlEl), cb);
  }
  addText(cb: (component: TextComponent) => unknown): this {
    return this.add(new TextComponent(this.controlEl), cb);
  }
  addSearch(cb: (component: SearchComponent) => unknown): this {
    return this.add(new SearchComponent(this.controlEl), cb);
  }
  addTextArea(cb: (component: TextAreaComponent) => unknown): this {
    return this.add(new TextAreaComponent(this.controlEl), cb);
  }
  addDropdown(cb: (component: DropdownComponent) => unknown): this {
    return this.add(new DropdownComponent(this.controlEl), cb);
  }
  addSlider(cb: (component: SliderComponent) => unknown): this {
    return this.add(new SliderComponent(this.controlEl), cb);
  }
  addComponent<T extends BaseComponent>(cb: (el: HTMLElement) => T): this {
    this.components.push(cb(this.controlEl));
    return this;
  }
  then(cb: (setting: this) => unknown): this {
    cb(this);
    return this;
  }
  clear(): this {
    this.controlEl.empty();
    this.components = [];
    return this;
  }

  /** Fake-only: the first control of a type, e.g. `setting.control(TextComponent)`. */
  control<T extends BaseComponent>(type: abstract new (...args: never[]) => T): T {
    const found = this.components.find((c): c is T => c instanceof type);
    if (!found) throw new Error(`Setting "${this.nameEl.textContent}" has no ${type.name}`);
    return found;
  }

  private add<T extends BaseComponent>(component: T, cb: (component: T) => unknown): this {
    this.components.push(component);
    cb(component);
    return this;
  }
}

/** Fake-only: every Setting rendered under `containerEl`, in document order. */
export function allSettings(containerEl: HTMLElement): Setting[] {
  return [...containerEl.querySelectorAll<HTMLElement>(".setting-item")]
    .map((el) => settingsByEl.get(el))
    .filter((s): s is Setting => s !== undefined);
}

/** Fake-only: the Setting named `name` (exact text) under `containerEl`; throws listing the names when absent. */
export function findSetting(containerEl: HTMLElement, name: string): Setting {
  const all = allSettings(containerEl);
  const found = all.find((s) => s.nameEl.textContent === name && !s.isHeading);
  if (!found) throw new Error(`No setting named "${name}"; have: ${all.map((s) => s.nameEl.textContent).join(", ")}`);
  return found;
}

/** A titled block of settings (Obsidian 1.11+). */
export class SettingGroup {
  listEl: HTMLElement;
  private readonly groupEl: HTMLElement;
  private readonly headingEl: HTMLElement;

  constructor(containerEl: HTMLElement) {
    this.groupEl = containerEl.createDiv({ cls: "setting-group" });
    this.headingEl = this.groupEl.createDiv({ cls: "setting-group-heading" });
    this.listEl = this.groupEl.createDiv({ cls: "setting-items" });
  }

  setHeading(text: string | DocumentFragment): this {
    this.headingEl.setText(text);
    return this;
  }

  addClass(...classes: string[]): this {
    this.groupEl.addClass(...classes);
    return this;
  }

  addSetting(cb: (setting: Setting) => void): this {
    cb(new Setting(this.listEl));
    return this;
  }

  addSearch(cb: (component: SearchComponent) => unknown): this {
    cb(new SearchComponent(this.headingEl));
    return this;
  }

  addExtraButton(cb: (component: ExtraButtonComponent) => unknown): this {
    cb(new ExtraButtonComponent(this.headingEl));
    return this;
  }
}

/** Fake-only: headings of every SettingGroup under `containerEl`. */
export function groupHeadings(containerEl: HTMLElement): string[] {
  return [...containerEl.querySelectorAll(".setting-group-heading")].map((el) => el.textContent ?? "");
}

export abstract class SettingTab {
  icon = "";
  app: App;
  containerEl: HTMLElement;
  settingItems: unknown[] = [];

  constructor(app: App) {
    this.app = app;
    this.containerEl = document.createElement("div");
    this.containerEl.className = "vertical-tab-content";
  }

  /** Obsidian 1.13+: declarative settings; an empty list means display() renders the tab. */
  getSettingDefinitions(): unknown[] {
    return [];
  }

  /** Re-renders the tab when it is open (1.13: definitions are read again). */
  update(): void {
    this.settingItems = this.getSettingDefinitions();
    if (this.app.setting.activeTab === (this as unknown)) this.app.setting.openTab(this as never);
  }

  getControlValue(key: string): unknown {
    void key;
    return undefined;
  }

  setControlValue(key: string, value: unknown): void | Promise<void> {
    void key;
    void value;
  }

  refreshDomState(): void {}

  display(): void {}

  hide(): void {
    this.containerEl.empty();
  }
}

export abstract class PluginSettingTab extends SettingTab {
  plugin: unknown;
  constructor(app: App, plugin: unknown) {
    super(app);
    this.plugin = plugin;
  }

  /** Reads `plugin.settings[key]`, like Obsidian's default. */
  override getControlValue(key: string): unknown {
    return (this.plugin as { settings?: Record<string, unknown> }).settings?.[key];
  }

  /** Writes `plugin.settings[key]` and persists it with saveData, like Obsidian's default. */
  override async setControlValue(key: string, value: unknown): Promise<void> {
    const plugin = this.plugin as { settings?: Record<string, unknown>; saveData(data: unknown): Promise<void> };
    plugin.settings ??= {};
    plugin.settings[key] = value;
    await plugin.saveData(plugin.settings);
  }
}
