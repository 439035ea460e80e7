// count_tokens: exact BPE counts of notes and folders, through the same cached tally as `decp tally`.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { describeTally, resolveSelection } from "../../core/context";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

export function registerTokenTools(server: McpServer, context: McpContext): void {
  const { vault, settings } = context;
  server.registerTool(
    "count_tokens",
    {
      title: "Count tokens",
      description: `Exact token counts (${settings.encoding}) of the notes or folders listed in \`paths\` (vault-relative paths or note names), with the total against the pack budget and the context window.`,
      inputSchema: {
        paths: z.array(z.string().min(1)).min(1).describe("Vault-relative notes or folders, or note names"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("count_tokens", context, async ({ paths }: { paths: string[] }) => {
      const selection = await resolveSelection({ kind: "paths", paths }, { vault, graph: () => context.noteGraph() });
      const tally = await context.tally();
      const result = await tally.tally(selection.paths, settings.budget, settings);
      await tally.persist();
      return [
        describeTally(result),
        ...result.files.map((f) => `${String(f.tokens).padStart(8)}  ${f.path}`),
        ...result.skipped.map((s) => `skipped   ${s.path} (${s.reason})`),
      ].join("\n");
    }),
  );
}
