// Renders Obsidian 1.13 setting definitions with the Setting API, for Obsidian before 1.13 (our
// minAppVersion is 1.11.4). One description of the settings serves both versions.

import {
  Setting,
  SettingGroup,
  type SettingControl,
  type SettingDefinition,
  type SettingDefinitionItem,
  type TextComponent,
  type TextAreaComponent,
} from "obsidian";

/** Validates, saves and reports: the tab's commit() (null when saved, else why not). */
export type Commit = (key: string, value: unknown) => Promise<string | null>;

export interface DefinitionHost {
  getControlValue(key: string): unknown;
  commit: Commit;
}

const asText = (value: unknown): string =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : "";

const isShown = (visible: boolean | (() => boolean) | undefined): boolean =>
  typeof visible === "function" ? visible() : visible !== false;

export function renderDefinitions(
  containerEl: HTMLElement,
  items: SettingDefinitionItem[],
  host: DefinitionHost,
): void {
  for (const item of items) {
    if ("type" in item && (item.type === "group" || item.type === "list")) {
      if (!isShown(item.visible)) continue;
      const group = new SettingGroup(containerEl);
      if (item.heading) group.setHeading(item.heading);
      for (const child of item.items ?? []) {
        if ("control" in child || "render" in child || "action" in child || !("items" in child))
          group.addSetting((setting) => renderDefinition(setting, child, group, host));
      }
    } else if (!("items" in item) && !("page" in item)) {
      renderDefinition(new Setting(containerEl), item as SettingDefinition, null, host);
    }
  }
}

function renderDefinition(
  setting: Setting,
  def: SettingDefinition,
  group: SettingGroup | null,
  host: DefinitionHost,
): void {
  if (!isShown(def.visible)) {
    setting.settingEl.hide();
    return;
  }
  setting.setName(def.name);
  if (def.desc) setting.setDesc(def.desc);
  if (def.render) {
    def.render(setting, group ?? new SettingGroup(setting.settingEl));
    return;
  }
  if (def.action) {
    const action = def.action;
    setting.addButton((button) => button.setButtonText(def.name).onClick(() => action(setting.settingEl, 0)));
    return;
  }
  if (def.control) renderControl(setting, def.control, host);
  const disabled = def.control?.disabled;
  if (typeof disabled === "function" ? disabled() : disabled === true) setting.setDisabled(true);
}

function renderControl(setting: Setting, control: SettingControl, host: DefinitionHost): void {
  const stored = host.getControlValue(control.key) ?? control.defaultValue;
  const errorEl = setting.infoEl.createDiv({ cls: "decp-setting-error" });
  const commit = async (value: unknown): Promise<void> => {
    const problem = await host.commit(control.key, value);
    errorEl.setText(problem ?? "");
  };
  switch (control.type) {
    case "toggle":
      setting.addToggle((toggle) => toggle.setValue(stored === true).onChange((value) => commit(value)));
      return;
    case "dropdown":
      setting.addDropdown((dropdown) =>
        dropdown
          .addOptions(control.options)
          .setValue(asText(stored))
          .onChange((value) => commit(value)),
      );
      return;
    case "slider":
      setting.addSlider((slider) =>
        slider
          .setLimits(control.min ?? 0, control.max ?? 100, control.step ?? 1)
          .setValue(Number(stored ?? 0))
          .onChange((value) => commit(value)),
      );
      return;
    case "textarea":
      setting.addTextArea((text) => bindText(text, asText(stored), (value) => commit(value)));
      return;
    case "number":
      setting.addText((text) => {
        text.inputEl.type = "number";
        // An emptied or unparseable field commits NaN, which commit() refuses (never stored as null).
        bindText(text, asText(stored), (value) => commit(value.trim() === "" ? Number.NaN : Number(value)));
      });
      return;
    default:
      setting.addText((text) =>
        bindText(
          text,
          asText(stored),
          (value) => commit(value),
          "placeholder" in control ? control.placeholder : undefined,
        ),
      );
  }
}

/** Text is committed when the user leaves the field (change), not on every keystroke. */
function bindText(
  text: TextComponent | TextAreaComponent,
  value: string,
  commit: (value: string) => Promise<void>,
  placeholder?: string,
): void {
  text.setValue(value);
  if (placeholder) text.setPlaceholder(placeholder);
  // A long value (a URL, a path) is cut by the narrow field: its whole text is the tooltip.
  text.inputEl.title = value;
  text.inputEl.addEventListener("change", () => {
    text.inputEl.title = text.getValue();
    void commit(text.getValue());
  });
}
