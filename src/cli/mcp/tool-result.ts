// How MCP tool handlers answer: one text block, the text the agent reads, ending with the session
// meter's line; an error result (isError) on failure, metered the same way. No structuredContent:
// Claude Code and VS Code hand the model JSON.stringify(structuredContent) alone when it is present,
// so a summary beside the text would replace the text. A UserError becomes its one-line description;
// anything else is logged to stderr and reported briefly, and the server keeps serving either way.
// Every call runs within its time and output budgets (call-budget.ts).

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { isUserError } from "../../core/errors";
import { DEFAULT_BUDGETS, withinOutput, withinTime, type CallBudgets } from "./call-budget";
import type { McpContext } from "./context";

let budgets: CallBudgets = DEFAULT_BUDGETS;

/** The budgets every tool call gets; the server sets them once at start. */
export function setCallBudgets(next: CallBudgets): void {
  budgets = next;
}

export type Log = (line: string) => void;

function errorText(error: unknown, tool: string, log: Log): string {
  if (isUserError(error)) return error.describe();
  log(`decp mcp: ${tool} failed: ${(error as Error)?.stack ?? String(error)}`);
  const message = error instanceof Error ? error.message : String(error);
  return `Internal error in ${tool}: ${message}`;
}

/** Wraps a handler so every answer is metered text within the budgets and every failure an error result, never a broken connection. */
export function guardedTool<A>(
  tool: string,
  context: Pick<McpContext, "log" | "meter" | "tally">,
  handler: (args: A) => Promise<string>,
): (args: A) => Promise<CallToolResult> {
  return async (args: A) => {
    let text: string;
    let isError = false;
    try {
      text = withinOutput(await withinTime(tool, budgets.timeMs, () => handler(args)), budgets.outputChars).text;
    } catch (error) {
      text = errorText(error, tool, context.log);
      isError = true;
    }
    const counter = await context
      .tally()
      .then((tally) => tally.counter)
      .catch(() => null);
    const metered = counter ? context.meter.close(text, (t) => counter.count(t)) : text;
    return isError
      ? { content: [{ type: "text", text: metered }], isError }
      : { content: [{ type: "text", text: metered }] };
  };
}
