// Commands "Write handoff", "Resume session", "Write session summary", "Draft pull request narrative".
// Core builds every note and the resume text; this file asks, calls core and reports.

import { Notice, TFile } from "obsidian";
import type DecpPlugin from "../../main";
import { formatTokens } from "../../core/context";
import { systemClock, type Clock } from "../../core/ports";
import type { DailyNoteSettings, DecpSettings } from "../../core/settings";
import type { VaultPort } from "../../core/vault";
import {
  buildResumePack,
  draftPrNarrative,
  latestHandoff,
  writeHandoff,
  writeSessionSummary,
} from "../../core/session";
import { copyWhenReady } from "../clipboard";
import { guarded, reportError } from "../report-error";
import { obsidianDailyNoteSettings } from "./daily-notes-settings";
import { HandoffModal } from "./session-modals";

type GeneratedNoteWriter = (
  vault: VaultPort,
  settings: DecpSettings,
  daily: DailyNoteSettings,
  options: { clock: Clock },
) => Promise<{ status: string; path: string }>;

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
      const building = (async () => {
        // The tokenizer is heavy: loaded on first use, never in onload.
        const { createTokenCounter } = await import("../../core/context");
        const counter = await createTokenCounter(plugin.settings.encoding);
        return buildResumePack(plugin.vaultPort, plugin.settings, {
          budget: plugin.settings.budget,
          count: (text) => counter.count(text),
          daily: obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes),
        });
      })();
      // Started now, within the command's gesture, for WebKit; the pack fills it when built.
      const [pack] = await Promise.all([building, copyWhenReady(building.then((built) => built.text))]);
      const note = pack.fits ? "" : " The open loops alone exceed the budget; all are included.";
      new Notice(
        `Resume pack copied: ${formatTokens(pack.tokens)} / ${formatTokens(pack.budget)} tokens, ${pack.loops.length} open ${pack.loops.length === 1 ? "loop" : "loops"}.${note}`,
      );
    }),
  });

  // Generated notes: written (or left as they are when nothing changed), then opened.
  const generated: [string, string, string, GeneratedNoteWriter][] = [
    ["write-session-summary", "Write session summary", "Session summary", writeSessionSummary],
    ["draft-pr-narrative", "Draft pull request narrative", "PR narrative", draftPrNarrative],
  ];
  for (const [id, name, label, write] of generated) {
    plugin.addCommand({
      id,
      name,
      callback: guarded(async () => {
        const daily = obsidianDailyNoteSettings(plugin.app, plugin.settings.dailyNotes);
        const result = await write(plugin.vaultPort, plugin.settings, daily, { clock: systemClock });
        new Notice(`${label} ${result.status}: ${result.path}`);
        await openNote(plugin, result.path);
      }),
    });
  }
}
