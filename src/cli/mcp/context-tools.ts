// Context tools: a context pack around a focus within a budget (the same text as `decp pack` and
// the plugin's "Copy context pack"), and saving a pack as a context decision record.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  buildPack,
  dbtNoteSelector,
  openPackSources,
  packSummary,
  renderPackMarkdown,
  resolveSelection,
  saveContextRecord,
  type ContextPack,
} from "../../core/context";
import { UserError } from "../../core/errors";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

const budget = z.number().int().positive().describe("Token budget for the whole pack, header included");

export interface PackArgs {
  focus: string;
  budget: number;
  selector?: string;
  exclude?: string;
  depth?: number;
}

/** Builds the pack exactly as `decp pack` does: same sources, same request, same renderer. */
async function packFor(context: McpContext, args: PackArgs): Promise<ContextPack> {
  const { vault, settings } = context;
  const tally = await context.tally();
  const sources = await openPackSources(vault, settings, { counter: tally.counter });
  const selection = args.selector
    ? await resolveSelection(
        { kind: "dbt", selector: args.selector, exclude: args.exclude },
        { vault, selectDbt: dbtNoteSelector(vault, settings) },
      )
    : undefined;
  const pack = await buildPack(sources, { focus: args.focus, budget: args.budget, depth: args.depth ?? 1, selection });
  context.lastPack = pack;
  return pack;
}

export function registerContextTools(server: McpServer, context: McpContext): void {
  const { vault, settings, clock, log } = context;

  server.registerTool(
    "context_pack",
    {
      title: "Context pack",
      description:
        "The notes to load for a task, cut from the dbt lineage around a focus model or note within a token budget: whole notes while they fit, compact forms next, the rest listed as excluded with reasons. Same text as `decp pack` and the plugin's Copy context pack.",
      inputSchema: {
        focus: z.string().trim().min(1).describe("Model name, note name or vault path the task is about"),
        budget,
        selector: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("dbt selector restricting the candidates, e.g. `+dim_customers+1`"),
        exclude: z.string().trim().min(1).optional().describe("dbt selector to leave out (with selector)"),
        depth: z
          .number()
          .int()
          .min(0)
          .max(5)
          .optional()
          .describe("Rings around the focus (default 1: direct parents and children)"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("context_pack", log, async (args: PackArgs) => {
      const pack = await packFor(context, args);
      return { text: renderPackMarkdown(pack), data: packSummary(pack) };
    }),
  );

  server.registerTool(
    "record_context_decision",
    {
      title: "Record context decision",
      description:
        "Save what was loaded and what was left out (and why) as a context decision record in the vault. Records the last context_pack of this session, or builds one from focus and budget.",
      inputSchema: {
        focus: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("Build a fresh pack around this focus instead of recording the last one"),
        budget: budget.optional(),
        selector: z.string().trim().min(1).optional(),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guardedTool(
      "record_context_decision",
      log,
      async (args: { focus?: string; budget?: number; selector?: string }) => {
        let pack = context.lastPack;
        if (args.focus !== undefined)
          pack = await packFor(context, {
            focus: args.focus,
            budget: args.budget ?? settings.budget,
            selector: args.selector,
          });
        else if (args.budget !== undefined || args.selector !== undefined)
          throw new UserError(
            "`budget` and `selector` need a `focus`",
            {},
            "Pass focus too, or nothing to record the last pack",
          );
        if (!pack)
          throw new UserError("No context pack to record yet", {}, "Call context_pack first, or pass focus and budget");
        const path = await saveContextRecord(vault, settings, pack, clock);
        const text = `Saved context decision record ${path}: focus ${pack.focus.name}, ${pack.used} / ${pack.budget} tokens (${pack.phase}), ${pack.included.length} included, ${pack.excluded.length} excluded.`;
        return { text, data: { path, ...packSummary(pack) } };
      },
    ),
  );
}
