// The status-bar count of the active note, on desktop (mobile has no status bar). It costs nothing
// at start-up: a count comes from the token cache (no tokenizer, no read) until the user asks for
// one, by a tally, a pack or a click here; from then on the open note is counted as it changes.

import { debounce, TFile } from "obsidian";
import { fileKind, formatTokens } from "../../core/context";
import type DecpPlugin from "../../main";
import { reportError } from "../report-error";
import type { ContextSession } from "./context-session";

export function registerTokenStatus(plugin: DecpPlugin, session: ContextSession): void {
  const app = plugin.app;
  const status = plugin.addStatusBarItem();
  status.addClass("decp-token-status");
  const show = async (count: boolean): Promise<void> => {
    const file = app.workspace.getActiveFile();
    if (!(file instanceof TFile) || fileKind(file.path) !== "text") {
      status.setText("");
      return;
    }
    const cached = await session.cachedCount(file.path);
    status.toggleClass("mod-clickable", cached === undefined && !session.counting);
    if (cached !== undefined) return void status.setText(`${formatTokens(cached)} tokens`);
    if (!count && !session.counting) {
      status.setText("Count tokens");
      status.setAttr("aria-label", "Count the tokens of this note");
      return;
    }
    const tokens = await session.countFile(file.path);
    status.setText(tokens === null ? "" : `${formatTokens(tokens)} tokens`);
  };
  const refresh = debounce(() => void show(false).catch(reportError), 500, true);
  plugin.registerDomEvent(status, "click", () => void show(true).catch(reportError));
  app.workspace.onLayoutReady(() => {
    plugin.registerEvent(app.workspace.on("active-leaf-change", () => refresh()));
    plugin.registerEvent(
      app.vault.on("modify", (file) => {
        if (file.path === app.workspace.getActiveFile()?.path) refresh();
      }),
    );
    refresh();
  });
  plugin.register(() => refresh.cancel());
}
