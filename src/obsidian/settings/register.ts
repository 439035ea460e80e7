// Registers the settings tab; features add their own blocks through ./sections.

import type DecpPlugin from "../../main";
import { DecpSettingTab } from "./settings-tab";

export function registerSettingsFeature(plugin: DecpPlugin): void {
  plugin.addSettingTab(new DecpSettingTab(plugin.app, plugin));
}
