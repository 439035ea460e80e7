// SecretsPort over Obsidian's secret storage: TickTick tokens never reach data.json, notes or logs.

import type { App } from "obsidian";
import type { SecretsPort } from "../../core/ports";

export function secretsOf(app: App): SecretsPort {
  return {
    get: async (key) => app.secretStorage.getSecret(key),
    set: async (key, value) => app.secretStorage.setSecret(key, value),
  };
}
