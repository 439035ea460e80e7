// Every feature registers its commands, views and events here; main.ts only calls registerFeatures.
// Each registrar lives beside its feature in src/obsidian/<area>/ and receives the plugin.
// The settings tab goes last: Obsidian 1.13 reads its definitions once, when it is registered, to
// index settings search, so every feature's section must be added before.

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
  registerContextFeature,
  registerDbtFeature,
  registerLoopsFeature,
  registerSessionFeature,
  registerTemplatesFeature,
  registerTicktickFeature,
  registerSettingsFeature,
];

export function registerFeatures(plugin: DecpPlugin): void {
  for (const register of registrars) register(plugin);
}
