// The plugin's settings tab. Settings are described once as Obsidian 1.13 definitions (native
// rendering and settings search on 1.13+); display() renders the same definitions before 1.13.

import {
  normalizePath,
  Notice,
  PluginSettingTab,
  type App,
  type SettingControl,
  type SettingDefinitionItem,
} from "obsidian";
import type DecpPlugin from "../../main";
import { coreSettingGroups, FOLDER_KEYS } from "./core-sections";
import { renderDefinitions } from "./render-definitions";
import { ticktickSettingsGroup } from "../ticktick/settings-section";

export class DecpSettingTab extends PluginSettingTab {
  constructor(
    app: App,
    private readonly decp: DecpPlugin,
  ) {
    super(app, decp);
  }

  override getSettingDefinitions(): SettingDefinitionItem[] {
    return [...coreSettingGroups(this.decp.settings), ticktickSettingsGroup(this.decp)];
  }

  override display(): void {
    this.containerEl.empty();
    renderDefinitions(this.containerEl, this.getSettingDefinitions(), {
      getControlValue: (key) => this.getControlValue(key),
      commit: (key, value) => this.commit(key, value),
    });
  }

  /** Keys are dotted paths into plugin.settings ("phases.warning"). */
  override getControlValue(key: string): unknown {
    let value: unknown = this.decp.settings;
    for (const part of key.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
    return value;
  }

  override async setControlValue(key: string, value: unknown): Promise<void> {
    await this.commit(key, value);
  }

  /** Validates, then saves; an invalid value is reported and never stored. Returns the problem, if any. */
  async commit(key: string, value: unknown): Promise<string | null> {
    const control = findControl(this.getSettingDefinitions(), key);
    const problem =
      (control?.validate
        ? await (control.validate as (v: unknown) => string | void | Promise<string | void>)(value)
        : undefined) || (control?.type === "number" ? numberProblem(value, control.min, control.max) : null);
    if (problem) {
      new Notice(`Not saved: ${problem}`);
      return problem;
    }
    const stored =
      (FOLDER_KEYS as readonly string[]).includes(key) && typeof value === "string" ? normalizePath(value) : value;
    const parts = key.split(".");
    let target = this.decp.settings as unknown as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
    target[parts[parts.length - 1]] = stored;
    await this.decp.saveSettings();
    return null;
  }
}

/** Both renderers hand a number control NaN for an emptied field: it is refused, never stored (null in data.json). */
function numberProblem(value: unknown, min?: number, max?: number): string | null {
  if (typeof value !== "number" || !Number.isFinite(value)) return "Enter a number";
  if (min !== undefined && value < min) return `Enter a number of at least ${min}`;
  if (max !== undefined && value > max) return `Enter a number of at most ${max}`;
  return null;
}

function findControl(items: SettingDefinitionItem[], key: string): SettingControl | undefined {
  for (const item of items) {
    if ("items" in item && item.items) {
      const found = findControl(item.items, key);
      if (found) return found;
    } else if ("control" in item && item.control?.key === key) {
      return item.control;
    }
  }
  return undefined;
}
