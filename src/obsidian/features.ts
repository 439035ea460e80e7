// Every feature registers its commands, views and events here; main.ts only calls registerFeatures.
// Each registrar lives beside its feature in src/obsidian/<area>/ and receives the plugin.

import type DecpPlugin from "../main";
import { registerContextFeature } from "./context/register";
import { registerDbtFeature } from "./dbt/register";
import { registerLoopsFeature } from "./loops/register";
import { registerSessionFeature } from "./session/register";
import { registerSettingsFeature } from "./settings/register";
import { registerTemplatesFeature } from "./templates/register";
import { registerTicktickFeature } from "./ticktick/register";

export type FeatureRegistrar = (plugin: DecpPlugin) => void;

const registrars: FeatureRegistrar[] = [
  registerSettingsFeature,
  registerContextFeature,
  registerDbtFeature,
  registerLoopsFeature,
  registerSessionFeature,
  registerTemplatesFeature,
  registerTicktickFeature,
];

export function registerFeatures(plugin: DecpPlugin): void {
  for (const register of registrars) register(plugin);
}
