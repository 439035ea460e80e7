// TickTick commands: connect, sync (progress, then a summary notice), show the last sync report;
// interval sync only when the user set an interval (off by default). State lives in data.json
// (snapshots and outbox only, never the token).

import { Modal, Notice } from "obsidian";
import { systemClock } from "../../core/ports";
import {
  describeReport,
  requireToken,
  resolveSyncState,
  summarizeReport,
  syncTickTick,
  type SyncReport,
  type SyncStatePort,
} from "../../core/ticktick";
import type DecpPlugin from "../../main";
import { guarded } from "../report-error";
import { ConnectTickTickModal } from "./connect-modal";
import { obsidianHttp } from "./http-port";
import { secretsOf } from "./secrets";

const STATE_KEY = "ticktickSync";

function statePort(plugin: DecpPlugin): SyncStatePort {
  return {
    load: async () => resolveSyncState(plugin.getState(STATE_KEY)),
    save: (state) => plugin.setState(STATE_KEY, state),
  };
}

export function registerTicktickFeature(plugin: DecpPlugin): void {
  let running = false;

  const sync = async (quiet: boolean): Promise<SyncReport | undefined> => {
    if (running) return undefined;
    running = true;
    const progress = quiet ? undefined : new Notice("Syncing loops with TickTick…", 0);
    try {
      const report = await syncTickTick(
        {
          vault: plugin.vaultPort,
          settings: plugin.settings,
          token: await requireToken(secretsOf(plugin.app), plugin.settings.ticktick.tokenSecretId),
          http: obsidianHttp,
          state: statePort(plugin),
          clock: systemClock,
          sleep: (ms) => new Promise((resolve) => window.setTimeout(resolve, ms)),
          vaultName: plugin.app.vault.getName(),
        },
        { onProgress: (message) => progress?.setMessage(message) },
      );
      if (!quiet || report.errors.length || report.conflicts.length) new Notice(summarizeReport(report), 8000);
      if (report.authRequired)
        new Notice("TickTick needs you to reconnect (command: connect TickTick). Nothing was lost.", 0);
      return report;
    } finally {
      progress?.hide();
      running = false;
    }
  };

  plugin.addCommand({
    id: "connect-ticktick",
    name: "Connect TickTick",
    callback: () => new ConnectTickTickModal(plugin.app, plugin).open(),
  });
  plugin.addCommand({ id: "sync-ticktick", name: "Sync loops with TickTick", callback: guarded(() => sync(false)) });
  plugin.addCommand({
    id: "show-ticktick-report",
    name: "Show sync report",
    callback: () => {
      const report = resolveSyncState(plugin.getState(STATE_KEY)).lastReport;
      const modal = new Modal(plugin.app);
      modal.setTitle("TickTick sync report");
      const lines = report
        ? [`Last sync ${report.at}`, ...describeReport(report)]
        : ['No sync yet. Run "Sync loops with TickTick".'];
      for (const line of lines) modal.contentEl.createEl("p", { text: line, cls: "decp-sync-report-line" });
      modal.open();
    },
  });
  // data.json (and so the interval) syncs across devices; the token is per device. A device that was
  // never connected skips the interval's sync silently instead of saying so every few minutes.
  const connected = async (): Promise<boolean> =>
    !!(await secretsOf(plugin.app).get(plugin.settings.ticktick.tokenSecretId))?.trim();
  const minutes = plugin.settings.ticktick.syncIntervalMinutes;
  if (minutes > 0)
    plugin.registerInterval(
      window.setInterval(() => void guarded(async () => (await connected()) && sync(true))(), minutes * 60000),
    );
}
