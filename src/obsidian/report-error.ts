// How the plugin shows failures: a UserError becomes a Notice naming the file, line and next step;
// anything else is a bug, logged to the console and summarised in a Notice.

import { Notice } from "obsidian";
import { isUserError } from "../core/errors";

export function reportError(error: unknown): void {
  if (isUserError(error)) {
    new Notice(error.describe(), 10000);
    return;
  }
  console.error("Data Engineering Copilot Patterns:", error);
  new Notice(`Unexpected error: ${(error as Error)?.message ?? String(error)}`, 10000);
}

/**
 * Wraps an async command callback so every failure reaches the user instead of vanishing. The work
 * starts at once, inside the user's gesture (WebKit allows a clipboard write only there). The
 * returned promise never rejects; Obsidian ignores it, tests await it to know the work is done.
 */
export function guarded(run: () => unknown): () => Promise<void> {
  return () => {
    try {
      return Promise.resolve(run())
        .then(() => undefined)
        .catch((error: unknown) => reportError(error));
    } catch (error) {
      reportError(error);
      return Promise.resolve();
    }
  };
}

/**
 * checkCallback for a command that only makes sense in some context (an open loop note, a built
 * pack): Obsidian lists it only when `available()` holds, and the work runs guarded like any command.
 */
export function guardedWhen(available: () => boolean, run: () => unknown): (checking: boolean) => boolean {
  const work = guarded(run);
  return (checking) => {
    if (!available()) return false;
    if (!checking) void work();
    return true;
  };
}
