// Renders loops grouped GTD-style (inbox, next actions, waiting for, done) with relative dates and
// one-click status buttons. Shared by the inbox view and the decp-loops code block.

import type { App } from "obsidian";
import { allowedTransitions, GTD_GROUPS, relativeTo, type Loop, type LoopStatus } from "../../core/loops";
import { openListedFile } from "../open-file";

export interface LoopListOptions {
  now: Date;
  /** Called for a status button; absent means read-only. */
  onStatus?: (loop: Loop, status: LoopStatus) => void;
}

const BUTTON_LABELS: Record<LoopStatus, string> = {
  proposed: "Propose",
  open: "Open",
  clarifying: "Waiting for",
  closed: "Close",
};

export function renderLoopGroups(app: App, el: HTMLElement, loops: Loop[], options: LoopListOptions): void {
  el.empty();
  if (loops.length === 0) {
    el.createEl("p", { text: "No loops match.", cls: "decp-loops-empty" });
    return;
  }
  for (const group of GTD_GROUPS) {
    const members = loops.filter((l) => l.status === group.status);
    if (members.length === 0) continue;
    const section = el.createDiv({ cls: "decp-loops-group" });
    section.createEl("h4", { text: `${group.label} (${members.length})` });
    const list = section.createEl("ul");
    for (const loop of members) {
      const item = list.createEl("li", { cls: "decp-loop" });
      const link = item.createEl("a", { text: `${loop.id} ${loop.title}`, cls: "internal-link", href: loop.path });
      link.setAttribute("data-href", loop.path);
      const file = app.vault.getFileByPath(loop.path) ?? loop.path;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        void openListedFile(app, file, event);
      });
      const meta = [`captured ${relativeTo(loop.captured, options.now)}`];
      if (loop.models.length) meta.push(loop.models.join(", "));
      if (loop.closed) meta.push(`closed ${relativeTo(loop.closed, options.now)}`);
      item.createSpan({ text: ` · ${meta.join(" · ")}`, cls: "decp-loop-meta" });
      if (!options.onStatus) continue;
      for (const status of allowedTransitions(loop.status)) {
        const button = item.createEl("button", { text: BUTTON_LABELS[status], cls: "decp-loop-action" });
        button.addEventListener("click", () => options.onStatus!(loop, status));
      }
    }
  }
}
