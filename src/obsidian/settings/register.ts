// Registers the settings tab (the core blocks and the TickTick block).

import type DecpPlugin from "../../main";
import { DecpSettingTab } from "./settings-tab";

export function registerSettingsFeature(plugin: DecpPlugin): void {
  plugin.addSettingTab(new DecpSettingTab(plugin.app, plugin));
}
