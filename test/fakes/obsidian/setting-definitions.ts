// Obsidian 1.13's own settings renderer, as docs.obsidian.md describes it ("Settings", "Migrate to
// declarative settings"): it renders getSettingDefinitions() and skips display(); binds each control
// to getControlValue/setControlValue; runs validate before a value is stored (and once on mount);
// a number commits on change and rejects unparseable or out-of-range input inline.

import type { PluginSettingTab } from "./setting";
import { Setting, SettingGroup } from "./setting";

interface Control {
  type: string;
  key: string;
  defaultValue?: unknown;
  validate?: (value: never) => string | void | Promise<string | void>;
  disabled?: boolean | (() => boolean);
  placeholder?: string;
  options?: Record<string, string>;
  min?: number;
  max?: number;
  step?: number | "any";
}

export interface Definition {
  type?: string;
  name?: string;
  desc?: string | DocumentFragment;
  aliases?: string[];
  searchable?: boolean | (() => boolean);
  visible?: boolean | (() => boolean);
  heading?: string;
  items?: Definition[];
  control?: Control;
  render?: (setting: Setting, group: SettingGroup) => void;
  action?: (el: HTMLElement, index: number) => void;
}

const evaluate = (flag: boolean | (() => boolean) | undefined, fallback: boolean): boolean =>
  typeof flag === "function" ? flag() : (flag ?? fallback);

/** What settings search indexes for one tab: every searchable, visible row, with its group heading. */
export function searchEntries(definitions: Definition[], heading = ""): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const def of definitions) {
    if (!evaluate(def.visible, true)) continue;
    if (def.items) {
      out.push(...searchEntries(def.items, def.heading ?? def.name ?? heading));
      continue;
    }
    if (!def.name || !evaluate(def.searchable, true)) continue;
    const desc = typeof def.desc === "string" ? def.desc : (def.desc?.textContent ?? "");
    out.push({ name: def.name, text: [heading, def.name, desc, ...(def.aliases ?? [])].join("\n").toLowerCase() });
  }
  return out;
}

export function renderSettingDefinitions(tab: PluginSettingTab, definitions: Definition[]): void {
  const container = tab.containerEl;
  container.empty();
  for (const def of definitions) {
    if (!evaluate(def.visible, true)) continue;
    if (def.type === "group" || def.type === "list") {
      const group = new SettingGroup(container);
      if (def.heading) group.setHeading(def.heading);
      (def.items ?? []).forEach((item, index) => {
        if (evaluate(item.visible, true)) group.addSetting((setting) => renderRow(tab, setting, item, group, index));
      });
    } else if (def.type !== "page") {
      renderRow(tab, new Setting(container), def, new SettingGroup(container), 0);
    }
  }
}

function renderRow(tab: PluginSettingTab, setting: Setting, def: Definition, group: SettingGroup, index: number): void {
  if (def.name) setting.setName(def.name);
  if (def.desc) setting.setDesc(def.desc);
  if (def.render) return def.render(setting, group);
  if (def.action) {
    const action = def.action;
    setting.settingEl.addClass("mod-clickable");
    setting.settingEl.addEventListener("click", () => action(setting.settingEl, index));
    return;
  }
  if (def.control) bindControl(tab, setting, def.control);
}

function bindControl(tab: PluginSettingTab, setting: Setting, control: Control): void {
  const stored = tab.getControlValue(control.key) ?? control.defaultValue;
  const validate = control.validate as ((value: unknown) => string | void | Promise<string | void>) | undefined;
  const commit = async (value: unknown): Promise<void> => {
    const problem = await validate?.(value);
    setting.setErrorMessage(problem || null);
    if (!problem) await tab.setControlValue(control.key, value);
  };
  const text = (value: unknown): string =>
    typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
  switch (control.type) {
    case "toggle":
      setting.addToggle((t) => t.setValue(stored === true).onChange((v) => commit(v)));
      break;
    case "dropdown":
      setting.addDropdown((d) =>
        d
          .addOptions(control.options ?? {})
          .setValue(text(stored))
          .onChange((v) => commit(v)),
      );
      break;
    case "slider":
      setting.addSlider((s) =>
        s
          .setLimits(control.min ?? 0, control.max ?? 100, control.step ?? 1)
          .setValue(Number(stored))
          .onChange((v) => commit(v)),
      );
      break;
    case "number":
      setting.addText((t) => {
        t.inputEl.type = "number";
        t.setValue(text(stored));
        t.inputEl.addEventListener("change", () => {
          const raw = t.getValue().trim();
          const value = raw === "" ? Number.NaN : Number(raw);
          if (!Number.isFinite(value)) return void setting.setErrorMessage("Enter a number.");
          if (control.min !== undefined && value < control.min)
            return void setting.setErrorMessage(`Enter a number of at least ${control.min}.`);
          if (control.max !== undefined && value > control.max)
            return void setting.setErrorMessage(`Enter a number of at most ${control.max}.`);
          void commit(value);
        });
      });
      break;
    case "textarea":
      setting.addTextArea((t) => {
        t.setValue(text(stored)).setPlaceholder(control.placeholder ?? "");
        t.inputEl.addEventListener("change", () => void commit(t.getValue()));
      });
      break;
    default:
      // text, file, folder (the app adds a suggester to the last two)
      setting.addText((t) => {
        t.setValue(text(stored)).setPlaceholder(control.placeholder ?? "");
        t.inputEl.addEventListener("change", () => void commit(t.getValue()));
      });
  }
  if (evaluate(control.disabled, false)) setting.setDisabled(true);
  // Run once on mount: a stored value that fails shows its message, and is left as it is.
  void Promise.resolve(validate?.(stored)).then((problem) => {
    if (problem) setting.setErrorMessage(problem);
  });
}
