// How MCP tool handlers answer: text on success, an error result (isError) on failure. A UserError
// becomes its one-line description; anything else is logged to stderr and reported briefly, and the
// server keeps serving either way. Every call runs within its time and output budgets (call-budget.ts).

import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { isUserError } from "../../core/errors";
import { DEFAULT_BUDGETS, withinOutput, withinTime, type CallBudgets } from "./call-budget";

let budgets: CallBudgets = DEFAULT_BUDGETS;

/** The budgets every tool call gets; the server sets them once at start. */
export function setCallBudgets(next: CallBudgets): void {
  budgets = next;
}

export type Log = (line: string) => void;

/** What a tool returns: the text an agent reads, plus optional structured data for clients that use it. */
export interface ToolAnswer {
  text: string;
  data?: Record<string, unknown>;
}

export function textResult(answer: ToolAnswer | string): CallToolResult {
  const { text, data } = typeof answer === "string" ? { text: answer, data: undefined } : answer;
  const output = withinOutput(text, budgets.outputChars);
  const result: CallToolResult = { content: [{ type: "text", text: output.text }] };
  // Structured data over the budget would undo the cut: the text alone is the answer then.
  if (data && JSON.stringify(data).length <= budgets.outputChars) result.structuredContent = data;
  return result;
}

export function errorResult(error: unknown, tool: string, log: Log): CallToolResult {
  if (isUserError(error)) return { content: [{ type: "text", text: error.describe() }], isError: true };
  log(`decp mcp: ${tool} failed: ${(error as Error)?.stack ?? String(error)}`);
  const message = error instanceof Error ? error.message : String(error);
  return { content: [{ type: "text", text: `Internal error in ${tool}: ${message}` }], isError: true };
}

/** Wraps a handler so every failure becomes an error result instead of a broken connection. */
export function guardedTool<A>(
  tool: string,
  log: Log,
  handler: (args: A) => Promise<ToolAnswer | string>,
): (args: A) => Promise<CallToolResult> {
  return async (args: A) => {
    try {
      return textResult(await withinTime(tool, budgets.timeMs, () => handler(args)));
    } catch (error) {
      return errorResult(error, tool, log);
    }
  };
}
