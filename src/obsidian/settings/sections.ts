// Where features add their own block to the settings tab (e.g. TickTick), without editing the tab:
// call addSettingsSection(plugin, section) from the feature's register.ts.

import type { SettingDefinitionGroup } from "obsidian";
import type DecpPlugin from "../../main";

/**
 * A titled block of settings contributed by a feature, in Obsidian's declarative shape (rendered
 * natively on 1.13+, by our fallback renderer before). Control keys are dotted paths into
 * plugin.settings ("ticktick.listId"); a `render` item can build any control (SecretComponent).
 */
export interface SettingsSection {
  id: string;
  /** Called on every render, so the items can reflect the current state. */
  build(plugin: DecpPlugin): SettingDefinitionGroup;
}

const sectionsByPlugin = new WeakMap<DecpPlugin, SettingsSection[]>();

export function addSettingsSection(plugin: DecpPlugin, section: SettingsSection): void {
  const sections = sectionsByPlugin.get(plugin) ?? [];
  if (sections.some((s) => s.id === section.id))
    throw new Error(`Settings section "${section.id}" is already registered`);
  sections.push(section);
  sectionsByPlugin.set(plugin, sections);
}

export function settingsSections(plugin: DecpPlugin): readonly SettingsSection[] {
  return sectionsByPlugin.get(plugin) ?? [];
}
