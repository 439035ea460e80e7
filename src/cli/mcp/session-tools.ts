// Session tools: bootload (the resume pack: protocol, last handoff, open loops, latest context
// decision, within a budget; the same text as "Resume session" and `decp resume`) and write_handoff.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { plainLinks } from "../../core/wikilinks";
import { buildResumePack, writeHandoff } from "../../core/session";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

export function registerSessionTools(server: McpServer, context: McpContext): void {
  const { vault, settings, clock } = context;

  server.registerTool(
    "bootload",
    {
      title: "Bootload",
      description:
        "Start here. The resume pack: the protocol, where the last session stopped and what comes next, every open loop and the latest context decision, within `budget` tokens (default the budget setting). Same text as the plugin's Resume session and `decp resume`.",
      inputSchema: {
        budget: z.number().int().positive().optional().describe(`Token budget (default ${settings.budget})`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("bootload", context, async ({ budget }: { budget?: number }) => {
      const tally = await context.tally();
      const pack = await buildResumePack(vault, settings, {
        budget: budget ?? settings.budget,
        count: (text) => tally.counter.count(text),
        daily: settings.dailyNotes,
      });
      return pack.text;
    }),
  );

  server.registerTool(
    "write_handoff",
    {
      title: "Write handoff",
      description:
        "End a session: add a handoff section to today's daily note from `stopped_at` (where the work stopped), `next_action` (the very next thing to do) and `reading` (notes to read first, optional), with the open loops, the latest context record and a resume prompt; the next session's bootload starts from it. Changes only that note, and only by adding: it creates the note if missing, and never edits or removes anything already in it (a second handoff on the same day goes below the first, as 'Copilot handoff (HH:mm)'). The same handoff sent again changes nothing. Each field is written as one line.",
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
    guardedTool(
      "write_handoff",
      context,
      async (args: { stopped_at: string; next_action: string; reading?: string[] }) => {
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
        // The section as written, with links as plain names: the agent reads text, not Obsidian links.
        return [head, ...result.warnings.map((w) => `Warning: ${w}`), "", plainLinks(result.section)].join("\n");
      },
    ),
  );
}
