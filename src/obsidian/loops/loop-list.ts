// Renders loops grouped GTD-style (inbox, next actions, waiting for, done) with relative dates and
// one-click moves named by what they do. Shared by the inbox view, the decp-loops code block and the
// open loops on model notes.

import type { App } from "obsidian";
import { allowedTransitions, GTD_GROUPS, relativeTo, type Loop, type LoopStatus } from "../../core/loops";
import { openListedFile } from "../open-file";

export interface LoopListOptions {
  now: Date;
  /** Called for a move button; absent means read-only. */
  onStatus?: (loop: Loop, status: LoopStatus) => void;
}

export interface LoopAction {
  /** A verb that says what the button does. */
  label: string;
  /** Where the loop goes, for the tooltip. */
  effect: string;
}

/** The move from one status to another, in the words of what happens to the loop. */
export function loopAction(from: LoopStatus, to: LoopStatus): LoopAction {
  if (from === "proposed" && to === "open")
    return { label: "Approve", effect: "Approve the proposal: it becomes a next action" };
  if (from === "proposed")
    return { label: "Reject", effect: "Reject the proposal: it is closed as rejected, not deleted" };
  if (to === "clarifying") return { label: "Wait for answer", effect: "Move it to Waiting for until someone answers" };
  if (to === "closed") return { label: "Close with outcome…", effect: "Close it and record the result and evidence" };
  if (from === "closed") return { label: "Reopen", effect: "Reopen it as a next action" };
  return { label: "Move to next actions", effect: "The answer came: move it back to Next actions" };
}

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
    const list = section.createEl("ul", { cls: "decp-loop-list" });
    for (const loop of members) renderLoop(app, list, loop, options);
  }
}

function renderLoop(app: App, list: HTMLElement, loop: Loop, options: LoopListOptions): void {
  const item = list.createEl("li", { cls: "decp-loop", attr: { "data-status": loop.status } });
  const name = `${loop.id} ${loop.title}`;
  const link = item.createEl("a", {
    text: name,
    cls: "internal-link decp-loop-title",
    href: loop.path,
    attr: { "data-href": loop.path, title: name },
  });
  const file = app.vault.getFileByPath(loop.path) ?? loop.path;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    void openListedFile(app, file, event);
  });
  const line = item.createDiv({ cls: "decp-loop-line" });
  const meta = [`captured ${relativeTo(loop.captured, options.now)}`];
  if (loop.models.length) meta.push(loop.models.join(", "));
  if (loop.closed) meta.push(`${loop.rejected ? "rejected" : "closed"} ${relativeTo(loop.closed, options.now)}`);
  const metaText = meta.join(" · ");
  line.createSpan({ text: metaText, cls: "decp-loop-meta", attr: { title: metaText } });
  const onStatus = options.onStatus;
  if (!onStatus) return;
  const actions = line.createDiv({ cls: "decp-loop-actions" });
  for (const status of allowedTransitions(loop.status)) {
    const action = loopAction(loop.status, status);
    const button = actions.createEl("button", {
      text: action.label,
      cls: "decp-loop-action",
      attr: { "aria-label": `${action.effect} (${loop.id})`, "data-status": status },
    });
    button.addEventListener("click", () => onStatus(loop, status));
  }
}
