// The TickTick block of the settings tab: the token is picked with a SecretComponent (the setting
// keeps the secret's name, the token stays in secret storage), plus the GTD mapping and sync options.

import { SecretComponent, type SettingDefinitionGroup } from "obsidian";
import { TICKTICK_SERVICES } from "../../core/ticktick";
import type DecpPlugin from "../../main";
import { ConnectTickTickModal } from "./connect-modal";

/** Built on every render of the tab, so the items reflect the current settings. */
export function ticktickSettingsGroup(plugin: DecpPlugin): SettingDefinitionGroup {
  const connect = (): void => new ConnectTickTickModal(plugin.app, plugin).open();
  const text = (key: string, name: string, desc: string, placeholder = "") => ({
    name,
    desc,
    control: { type: "text" as const, key: `ticktick.${key}`, placeholder },
  });
  return {
    type: "group",
    heading: "TickTick",
    items: [
      { name: "Connect", desc: "Paste an access token or sign in with TickTick.", action: () => connect() },
      {
        name: "Access token secret",
        desc: "The secret in Obsidian's secret storage that holds the TickTick token.",
        render: (setting) => {
          new SecretComponent(plugin.app, setting.controlEl)
            .setValue(plugin.settings.ticktick.tokenSecretId)
            .onChange(async (value) => {
              plugin.settings.ticktick.tokenSecretId = value;
              await plugin.saveSettings();
            });
        },
      },
      text("listId", "List for open loops", "A TickTick list ID; inbox is the Inbox.", "inbox"),
      {
        name: "Waiting for as",
        desc: "How clarifying loops show in TickTick.",
        control: { type: "dropdown", key: "ticktick.waitingMode", options: { tag: "A tag", list: "A list" } },
      },
      text("waitingTag", "Waiting-for tag", "Tag for clarifying loops.", "waiting-for"),
      text("waitingListId", "Waiting-for list", "List ID for clarifying loops when waiting for is a list."),
      text("importTag", "Import tag", "New TickTick tasks with this tag become open loops.", "decp"),
      text("importListId", "Import list", "New TickTick tasks in this list become open loops."),
      {
        name: "Sync interval",
        desc: "Minutes between automatic syncs; 0 turns it off. Applies after a reload.",
        control: {
          type: "number",
          key: "ticktick.syncIntervalMinutes",
          min: 0,
          step: 1,
          validate: (value: number) =>
            Number.isInteger(value) && value >= 0 ? undefined : "Enter whole minutes, 0 or more",
        },
      },
      {
        name: "Service",
        desc: "TickTick, or Dida365 (its variant in China). The token is only ever sent there.",
        control: {
          type: "dropdown",
          key: "ticktick.apiBase",
          options: Object.fromEntries(TICKTICK_SERVICES.map((service) => [service.api, service.label])),
        },
      },
    ],
  };
}
