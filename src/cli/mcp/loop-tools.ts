// Loop tools: an agent proposes loops (they land as `proposed`; only a human approval opens them),
// lists them and reads one. The same capture code as `decp capture` and the plugin's capture command.

import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { noteForModel } from "../../core/context";
import { UserError } from "../../core/errors";
import {
  captureLoops,
  createLoops,
  findLoops,
  linkModels,
  listLoops,
  listModelNotes,
  LOOP_STATUSES,
  type Loop,
  type LoopDraft,
} from "../../core/loops";
import type { McpContext } from "./context";
import { guardedTool } from "./tool-result";

const loopFields = z.object({
  title: z.string().trim().min(1).describe("One line: what is open"),
  context: z.string().optional().describe("Why it came up; name the models involved"),
  question: z.string().optional().describe("What needs an answer"),
  models: z.array(z.string().trim().min(1)).optional().describe("dbt model names the loop is about"),
});

const proposeInput = {
  text: z.string().optional().describe("Agent text holding <loop> blocks (the protocol's XML interchange)"),
  loops: z.array(loopFields).min(1).optional().describe("Loops as fields, when not sending XML"),
};

function loopLine(loop: Loop): string {
  return `${loop.id} [${loop.status}] ${loop.title} (${loop.path})`;
}

/** A loop note as the model reads it: what the frontmatter says, in one line, then the note's sections. */
function loopForModel(loop: Loop, text: string): string {
  const facts = [
    loop.models.length ? `models: ${loop.models.join(", ")}` : "",
    `captured ${loop.captured}`,
    loop.session ? `session ${loop.session}` : "",
    loop.clarified ? `clarified ${loop.clarified}` : "",
    loop.closed ? `closed ${loop.closed}` : "",
    loop.ticktickId ? "in TickTick" : "",
  ].filter(Boolean);
  return `${loop.id} (${loop.status}) ${loop.title}\n${facts.join("; ")}\n\n${noteForModel(text)}\n`;
}

export function registerLoopTools(server: McpServer, context: McpContext): void {
  const { vault, settings, clock } = context;

  server.registerTool(
    "propose_loops",
    {
      title: "Propose loops",
      description:
        "Capture open questions as loop notes. Pass exactly one of `text` (agent text holding the protocol's <loop> blocks) or `loops` (a list of { title, context, question, models }), never both. Loops land as `proposed`: a human approves them before they count as open.",
      inputSchema: proposeInput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    guardedTool(
      "propose_loops",
      context,
      async ({ text, loops }: { text?: string; loops?: z.infer<typeof loopFields>[] }) => {
        if ((text === undefined) === (loops === undefined))
          throw new UserError("Pass either `text` (with <loop> blocks) or `loops`, not both and not neither");
        let created: Loop[];
        let problems: string[] = [];
        if (text !== undefined) {
          const capture = await captureLoops(vault, settings, text, { clock, status: "proposed" });
          if (capture.created.length === 0) {
            const why = capture.problems.map((p) => `line ${p.line}: ${p.message}`).join("; ");
            throw new UserError(
              `No loops found in the text${why ? ` (${why})` : ""}`,
              {},
              "Wrap each loop in <loop><title>...</title><question>...</question></loop>",
            );
          }
          created = capture.created;
          problems = capture.problems.map((p) => `line ${p.line}: ${p.message}`);
        } else {
          // Structured loops get the same model linking as captured text.
          const models = [...(await listModelNotes(vault, settings)).keys()];
          const drafts: LoopDraft[] = (loops ?? []).map((l) => ({
            title: l.title,
            context: l.context,
            question: l.question,
            models: linkModels(l.models ?? [], [l.title, l.context ?? "", l.question ?? ""], models),
          }));
          ({ created } = await createLoops(vault, settings, drafts, { clock, status: "proposed" }));
        }
        return [
          `Proposed ${created.length} loop${created.length === 1 ? "" : "s"}; a human approves them in Obsidian or with \`decp approve\`.`,
          ...created.map(loopLine),
          ...(problems.length ? ["", "Notes:", ...problems.map((p) => `- ${p}`)] : []),
        ].join("\n");
      },
    ),
  );

  server.registerTool(
    "list_loops",
    {
      title: "List loops",
      description:
        "The vault's loops, one line each: id, status, title and note path. `status` (proposed, open, clarifying or closed) lists only the loops in that status.",
      inputSchema: { status: z.enum(LOOP_STATUSES).optional().describe("Only loops in this status") },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("list_loops", context, async ({ status }: { status?: Loop["status"] }) => {
      const { loops, unreadable } = await listLoops(vault, settings);
      const shown = status ? loops.filter((l) => l.status === status) : loops;
      const lines = shown.length ? shown.map(loopLine) : [`No ${status ?? ""} loops`.replace("  ", " ")];
      for (const u of unreadable) lines.push(`Unreadable: ${u.path}: ${u.error}`);
      return lines.join("\n");
    }),
  );

  server.registerTool(
    "read_loop",
    {
      title: "Read a loop",
      description:
        "One loop in full, by `id` (LOOP-007) or exact title: status, models, dates, then its Context, Question and Outcome.",
      inputSchema: { id: z.string().trim().min(1).describe("Loop id such as LOOP-007, or its exact title") },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    guardedTool("read_loop", context, async ({ id }: { id: string }) => {
      const { loops } = await listLoops(vault, settings);
      const [loop] = findLoops(loops, [id]);
      return loopForModel(loop, await vault.read(loop.path));
    }),
  );
}
