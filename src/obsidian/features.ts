// Every feature registers its commands, views and events here; main.ts only calls registerFeatures.
// Each registrar lives beside its feature in src/obsidian/<area>/ and receives the plugin.

import type DecpPlugin from "../main";
import { registerTicktickFeature } from "./ticktick/register";

export type FeatureRegistrar = (plugin: DecpPlugin) => void;

const registrars: FeatureRegistrar[] = [registerTicktickFeature];

export function registerFeatures(plugin: DecpPlugin): void {
  for (const register of registrars) register(plugin);
}
