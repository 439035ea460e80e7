// Context tools: a context pack around a focus within a budget (the same text as `decp pack` and
// the plugin's "Copy context pack"), and saving a pack as a context decision record.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  formatTokens,
  packAroundFocus,
  renderPackMarkdown,
  saveContextRecord,
  type ContextPack,
} from "../../core/context";
import { UserError } from "../../core/errors";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

const budget = z.number().int().positive().describe("Token budget for the whole pack, header included");

export interface PackArgs {
  focus: string;
  /** Default: the budget setting. */
  budget?: number;
  selector?: string;
  exclude?: string;
  depth?: number;
  columns?: string[];
  task?: string;
  compiled?: boolean;
}

/** Builds the pack exactly as `decp pack` does (same core entry, same renderer), on the server's warm tally. */
async function packFor(context: McpContext, args: PackArgs): Promise<ContextPack> {
  const pack = await packAroundFocus(
    context.vault,
    context.settings,
    {
      focus: args.focus,
      budget: args.budget ?? context.settings.budget,
      depth: args.depth ?? 1,
      selector: args.selector,
      exclude: args.exclude,
      columns: args.columns,
      task: args.task,
      sql: args.compiled ? "compiled" : "raw",
    },
    { tally: await context.tally() },
  );
  context.lastPack = pack;
  return pack;
}

export function registerContextTools(server: McpServer, context: McpContext): void {
  const { vault, settings, clock } = context;

  server.registerTool(
    "context_pack",
    {
      title: "Context pack",
      description:
        "What to read for a task about one model or note, within a token budget. Around a dbt model: its model card with its SQL, its parents as cards (their SQL when the budget allows), its children by name, most relevant first; around another note: the note and its links. The header says what was left out and why. Parameters: `focus` (required), `budget` (default the budget setting), `selector` and `exclude` (dbt selectors that restrict the candidates; one that matches no model is an error), `depth` (rings, default 1), `columns` and `task` (the columns in question: children reading them rank first), `compiled` (compiled SQL instead of raw). Same text as `decp pack` and the plugin's Copy context pack.",
      inputSchema: {
        focus: z.string().trim().min(1).describe("Model name, note name or vault path the task is about"),
        budget: budget.optional(),
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
        columns: z
          .array(z.string().trim().min(1))
          .optional()
          .describe('Columns of the focus the task is about, e.g. ["segment"]'),
        task: z.string().optional().describe("The task in a sentence; focus columns it names count as `columns`"),
        compiled: z.boolean().optional().describe("Show compiled SQL instead of the raw SQL with refs (default false)"),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("context_pack", context, async (args: PackArgs) => renderPackMarkdown(await packFor(context, args))),
  );

  server.registerTool(
    "record_context_decision",
    {
      title: "Record context decision",
      description:
        "Save what was loaded and what was left out (and why) as a context decision record in the vault. With no parameters it records the last context_pack of this connection; with `focus` (and optionally `budget`, default the budget setting, and `selector`, a dbt selector) it builds that pack first and records it.",
      inputSchema: {
        focus: z
          .string()
          .trim()
          .min(1)
          .optional()
          .describe("Build a fresh pack around this focus instead of recording the last one"),
        budget: budget.optional(),
        selector: z.string().trim().min(1).optional().describe("dbt selector restricting the fresh pack (with focus)"),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guardedTool(
      "record_context_decision",
      context,
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
        return `Saved context decision record ${path}: focus ${pack.focus.name}, ${formatTokens(pack.used)} / ${formatTokens(pack.budget)} tokens, ${pack.included.length} included, ${pack.excluded.length} excluded.`;
      },
    ),
  );
}
