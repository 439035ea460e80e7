// Notice records every message so tests can assert what the user was told.

import { hasDom } from "./dom";

/** Every Notice shown since the last clearNotices(), oldest first. */
export const shownNotices: Notice[] = [];

export function noticeMessages(): string[] {
  return shownNotices.map((n) => n.message);
}

export function clearNotices(): void {
  shownNotices.length = 0;
}

export class Notice {
  message: string;
  readonly timeout: number | undefined;
  hidden = false;
  noticeEl: HTMLElement;
  containerEl: HTMLElement;
  messageEl: HTMLElement;

  constructor(message: string | DocumentFragment, duration?: number) {
    this.message = typeof message === "string" ? message : (message.textContent ?? "");
    this.timeout = duration;
    const el = (hasDom() ? document.createElement("div") : {}) as HTMLElement;
    this.noticeEl = this.containerEl = this.messageEl = el;
    if (hasDom()) el.textContent = this.message;
    shownNotices.push(this);
  }

  setMessage(message: string | DocumentFragment): this {
    this.message = typeof message === "string" ? message : (message.textContent ?? "");
    if (hasDom()) this.messageEl.textContent = this.message;
    return this;
  }

  hide(): void {
    this.hidden = true;
  }
}
