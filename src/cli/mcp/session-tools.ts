// Session tools: bootload (the resume pack: protocol, last handoff, open loops, latest context
// decision, within a budget; the same text as "Resume session" and `decp resume`) and write_handoff.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { plainLinks } from "../../core/context";
import { buildResumePack, normalizeDailyNoteSettings, writeHandoff } from "../../core/session";
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
        daily: normalizeDailyNoteSettings(settings.dailyNotes),
      });
      return pack.text;
    }),
  );

  server.registerTool(
    "write_handoff",
    {
      title: "Write handoff",
      description:
        "End a session: write the handoff section into today's daily note from `stopped_at` (where the work stopped), `next_action` (the very next thing to do) and `reading` (notes to read first, optional), with the open loops, the latest context decision and a resume prompt. Replaces today's earlier handoff section.",
      inputSchema: {
        stopped_at: z.string().trim().min(1).describe("Where the work stopped, in one or two sentences"),
        next_action: z.string().trim().min(1).describe("The very next thing to do"),
        reading: z
          .array(z.string().trim().min(1))
          .optional()
          .describe("Notes to read first (names or paths); open loops' models are added"),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    guardedTool(
      "write_handoff",
      context,
      async (args: { stopped_at: string; next_action: string; reading?: string[] }) => {
        const result = await writeHandoff(
          vault,
          settings,
          normalizeDailyNoteSettings(settings.dailyNotes),
          { stoppedAt: args.stopped_at, nextAction: args.next_action, reading: args.reading },
          clock,
        );
        const head = `${result.created ? "Created" : "Updated"} the handoff in ${result.path}.`;
        // The section as written, with links as plain names: the agent reads text, not Obsidian links.
        return [head, ...result.warnings.map((w) => `Warning: ${w}`), "", plainLinks(result.section)].join("\n");
      },
    ),
  );
}
