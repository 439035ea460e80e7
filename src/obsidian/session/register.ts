// Commands "Write handoff", "Resume session", "Write session summary", "Draft pull request narrative".
// Core builds every note and the resume text; this file asks, calls core and reports.

import { Notice, TFile } from "obsidian";
import type DecpPlugin from "../../main";
import { systemClock } from "../../core/ports";
import {
  buildResumePack,
  draftPrNarrative,
  latestHandoff,
  writeHandoff,
  writeSessionSummary,
} from "../../core/session";
import { guarded, reportError } from "../report-error";
import { obsidianDailyNoteSettings } from "./daily-notes-settings";
import { HandoffModal } from "./session-modals";

async function openNote(plugin: DecpPlugin, path: string): Promise<void> {
  const file = plugin.app.vault.getFileByPath(path);
  if (file instanceof TFile) await plugin.app.workspace.getLeaf(false).openFile(file);
}

export function registerSessionFeature(plugin: DecpPlugin): void {
  plugin.addCommand({
    id: "write-handoff",
    name: "Write handoff",
    callback: guarded(async () => {
      const daily = obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes);
      const previous = await latestHandoff(plugin.vaultPort, daily);
      new HandoffModal(
        plugin.app,
        previous ? { stoppedAt: previous.stoppedAt, nextAction: previous.nextAction } : {},
        (input) => {
          void (async () => {
            try {
              const result = await writeHandoff(plugin.vaultPort, plugin.settings, daily, input, systemClock);
              new Notice(
                [
                  {
                    created: `Handoff written to new ${result.path}`,
                    added: `Handoff added to ${result.path}`,
                    unchanged: `${result.path} already ends with this handoff`,
                  }[result.status],
                  ...result.warnings,
                ].join("\n"),
              );
            } catch (error) {
              reportError(error);
            }
          })();
        },
      ).open();
    }),
  });

  plugin.addCommand({
    id: "resume-session",
    name: "Resume session",
    callback: guarded(async () => {
      // The tokenizer is heavy: loaded on first use, never in onload.
      const { createTokenCounter } = await import("../../core/context");
      const counter = await createTokenCounter(plugin.settings.encoding);
      const pack = await buildResumePack(plugin.vaultPort, plugin.settings, {
        budget: plugin.settings.budget,
        count: (text) => counter.count(text),
        daily: obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes),
      });
      await navigator.clipboard.writeText(pack.text);
      const note = pack.fits ? "" : " The open loops alone exceed the budget; all are included.";
      new Notice(`Resume pack copied: ${pack.tokens} / ${pack.budget} tokens, ${pack.loops.length} open loops.${note}`);
    }),
  });

  plugin.addCommand({
    id: "write-session-summary",
    name: "Write session summary",
    callback: guarded(async () => {
      const result = await writeSessionSummary(
        plugin.vaultPort,
        plugin.settings,
        obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes),
        { clock: systemClock },
      );
      new Notice(`Session summary ${result.status}: ${result.path}`);
      await openNote(plugin, result.path);
    }),
  });

  plugin.addCommand({
    id: "draft-pr-narrative",
    name: "Draft pull request narrative",
    callback: guarded(async () => {
      const result = await draftPrNarrative(
        plugin.vaultPort,
        plugin.settings,
        obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes),
        {
          clock: systemClock,
        },
      );
      new Notice(`PR narrative ${result.status}: ${result.path}`);
      await openNote(plugin, result.path);
    }),
  });
}
