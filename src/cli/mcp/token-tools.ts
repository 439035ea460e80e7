// count_tokens: exact BPE counts of notes and folders, through the same cached tally as `decp tally`.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { formatTokens, resolveSelection } from "../../core/context";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

export function registerTokenTools(server: McpServer, context: McpContext): void {
  const { vault, settings, log } = context;
  server.registerTool(
    "count_tokens",
    {
      title: "Count tokens",
      description: `Exact token counts (${settings.encoding}) of notes or folders in the vault, with the total against the budget.`,
      inputSchema: {
        paths: z.array(z.string().min(1)).min(1).describe("Vault-relative notes or folders, or note names"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("count_tokens", log, async ({ paths }: { paths: string[] }) => {
      const selection = await resolveSelection({ kind: "paths", paths }, { vault, graph: () => context.noteGraph() });
      const tally = await context.tally();
      const result = await tally.tally(selection.paths, settings.budget, settings);
      await tally.persist();
      const lines = [
        `${formatTokens(result.total)} tokens (${result.encoding}) in ${result.files.length} file${result.files.length === 1 ? "" : "s"}, ${Math.round(result.share * 100)}% of the ${formatTokens(settings.budget)} budget (${result.phase})`,
        ...result.files.map((f) => `${String(f.tokens).padStart(8)}  ${f.path}`),
        ...result.skipped.map((s) => `skipped   ${s.path} (${s.reason})`),
      ];
      return {
        text: lines.join("\n"),
        data: { total: result.total, encoding: result.encoding, files: result.files, skipped: result.skipped },
      };
    }),
  );
}
