// Session tools: bootload (the resume pack: protocol, last handoff, open loops, latest context
// decision, within a budget; the same text as "Resume session" and `decp resume`) and write_handoff.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { buildResumePack, normalizeDailyNoteSettings, writeHandoff } from "../../core/session";
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
        daily: normalizeDailyNoteSettings(settings.dailyNotes),
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
        "End a session: write the handoff section into today's daily note (stopped at, next action, required reading, open loops, latest context decision, a resume prompt). Replaces today's earlier handoff.",
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
    guardedTool("write_handoff", log, async (args: { stopped_at: string; next_action: string; reading?: string[] }) => {
      const result = await writeHandoff(
        vault,
        settings,
        normalizeDailyNoteSettings(settings.dailyNotes),
        { stoppedAt: args.stopped_at, nextAction: args.next_action, reading: args.reading },
        clock,
      );
      const head = `${result.created ? "Created" : "Updated"} the handoff in ${result.path}.`;
      return {
        text: [head, ...result.warnings.map((w) => `Warning: ${w}`), "", result.section].join("\n"),
        data: { path: result.path, created: result.created, warnings: result.warnings },
      };
    }),
  );
}
