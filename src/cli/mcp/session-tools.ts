// Session tools: bootload (the resume pack: protocol, last handoff, open loops, latest context
// decision, within a budget; the same text as "Resume session" and `decp resume`) and write_handoff.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { buildResumePack, writeHandoff } from "../../core/session";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

export function registerSessionTools(server: McpServer, context: McpContext): void {
  const { vault, settings, clock, log } = context;

  server.registerTool(
    "bootload",
    {
      title: "Bootload",
      description:
        "Start here. The resume pack: the protocol, where the last session stopped and what comes next, every open loop and the latest context decision, within a token budget. Same text as the plugin's Resume session and `decp resume`.",
      inputSchema: {
        budget: z.number().int().positive().optional().describe(`Token budget (default ${settings.budget})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("bootload", log, async ({ budget }: { budget?: number }) => {
      const tally = await context.tally();
      const pack = await buildResumePack(vault, settings, {
        budget: budget ?? settings.budget,
        count: (text) => tally.counter.count(text),
        daily: settings.dailyNotes,
      });
      return {
        text: pack.text,
        data: { tokens: pack.tokens, budget: pack.budget, fits: pack.fits, loops: pack.loops, dropped: pack.dropped },
      };
    }),
  );

  server.registerTool(
    "write_handoff",
    {
      title: "Write handoff",
      description:
        "End a session: add a handoff section to today's daily note (stopped at, next action, required reading, open loops, latest context record, a resume prompt); the next session's bootload starts from it. Changes only that note, and only by adding: it creates the note if missing, and never edits or removes anything already in it (a second handoff on the same day goes below the first, as 'Copilot handoff (HH:mm)'). The same handoff sent again changes nothing. Each field is written as one line.",
      inputSchema: {
        stopped_at: z.string().trim().min(1).describe("Where the work stopped, in one or two sentences (one line)"),
        next_action: z.string().trim().min(1).describe("The very next thing to do (one line)"),
        reading: z
          .array(z.string().trim().min(1))
          .optional()
          .describe("Notes to read first (names or paths); open loops' models and the latest context record are added"),
      },
      // Adds to one note and never removes or rewrites (not destructive); the same call twice adds nothing (idempotent).
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guardedTool("write_handoff", log, async (args: { stopped_at: string; next_action: string; reading?: string[] }) => {
      const result = await writeHandoff(
        vault,
        settings,
        settings.dailyNotes,
        { stoppedAt: args.stopped_at, nextAction: args.next_action, reading: args.reading },
        clock,
      );
      const head = {
        created: `Created ${result.path} with the handoff.`,
        added: `Added the handoff to ${result.path} under "## ${result.heading}"; nothing else in the note changed.`,
        unchanged: `${result.path} already ends with this handoff; nothing was written.`,
      }[result.status];
      return {
        text: [head, ...result.warnings.map((w) => `Warning: ${w}`), "", result.section].join("\n"),
        data: { path: result.path, status: result.status, heading: result.heading, warnings: result.warnings },
      };
    }),
  );
}
