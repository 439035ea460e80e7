// Every feature registers its commands, views and events here; main.ts only calls registerFeatures.
// Each registrar lives beside its feature in src/obsidian/<area>/ and receives the plugin.
// One import and one array entry per line: .gitattributes merges this file as a union.

import type DecpPlugin from "../main";
import { registerSettingsFeature } from "./settings/register";
import { registerTemplatesFeature } from "./templates/register";

export type FeatureRegistrar = (plugin: DecpPlugin) => void;

const registrars: FeatureRegistrar[] = [
  registerSettingsFeature,
  registerTemplatesFeature,
];

export function registerFeatures(plugin: DecpPlugin): void {
  for (const register of registrars) register(plugin);
}
