// Budgets for each MCP call, so no call can take the server down: a time budget (the call answers
// with an error when it runs out, and stops at its next vault access), and an output budget (text cut
// at a line, with a line saying so). The vault the tools see yields to the event loop between file
// accesses, so a long call never holds up `tools/list` or the next call.

import { AsyncLocalStorage } from "node:async_hooks";
import { UserError } from "../../core/errors";
import type { VaultPort } from "../../core/vault";

export interface CallBudgets {
  /** Wall-clock time one call may take. */
  timeMs: number;
  /** Characters of text one call may return (about a quarter as many tokens). */
  outputChars: number;
}

/** 30 s and 100,000 characters (~25,000 tokens, Claude Code's default cap on an MCP result). */
export const DEFAULT_BUDGETS: CallBudgets = { timeMs: 30_000, outputChars: 100_000 };

/** Budgets from the environment (DECP_MCP_TIME_BUDGET_MS, DECP_MCP_OUTPUT_BUDGET_CHARS), else the defaults. */
export function budgetsFromEnv(env: NodeJS.ProcessEnv): CallBudgets {
  const positive = (text: string | undefined, fallback: number): number => {
    const n = Number(text);
    return text !== undefined && Number.isSafeInteger(n) && n > 0 ? n : fallback;
  };
  return {
    timeMs: positive(env.DECP_MCP_TIME_BUDGET_MS, DEFAULT_BUDGETS.timeMs),
    outputChars: positive(env.DECP_MCP_OUTPUT_BUDGET_CHARS, DEFAULT_BUDGETS.outputChars),
  };
}

interface RunningCall {
  tool: string;
  deadline: number;
  timeMs: number;
}

const running = new AsyncLocalStorage<RunningCall>();

export function outOfTime(call: { tool: string; timeMs: number }): UserError {
  return new UserError(
    `${call.tool} took longer than its ${call.timeMs / 1000} s budget and was stopped`,
    { token: call.tool },
    "Nothing was changed by the unfinished part; narrow the request (a smaller selector, budget or set of paths) and call it again",
  );
}

/**
 * Runs one call within its time budget: the answer is an error when time runs out, even if the work
 * is still waiting on something; the work itself stops at its next vault access.
 */
export async function withinTime<T>(tool: string, timeMs: number, work: () => Promise<T>): Promise<T> {
  const call: RunningCall = { tool, deadline: Date.now() + timeMs, timeMs };
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(outOfTime(call)), timeMs);
  });
  try {
    return await Promise.race([running.run(call, work), expired]);
  } finally {
    clearTimeout(timer);
  }
}

// A call gives the event loop a turn after this much work, so other requests are read and answered.
const SLICE_MS = 10;
let sliceStart = Date.now();

/** Called before every vault access: stop a call past its deadline, and share the event loop. */
async function checkpoint(): Promise<void> {
  const call = running.getStore();
  if (call && Date.now() > call.deadline) throw outOfTime(call);
  if (Date.now() - sliceStart >= SLICE_MS) {
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = Date.now();
    if (call && Date.now() > call.deadline) throw outOfTime(call);
  }
}

/**
 * The vault as MCP tools see it: reads, listings and checks go through checkpoint(). Writes do not,
 * so a plan whose checks passed is applied whole.
 */
export function budgetedVault(vault: VaultPort): VaultPort {
  return {
    read: async (path) => (await checkpoint(), vault.read(path)),
    readBytes: vault.readBytes ? async (path) => (await checkpoint(), vault.readBytes!(path)) : undefined,
    list: async (folder) => (await checkpoint(), vault.list(folder)),
    stat: async (path) => (await checkpoint(), vault.stat(path)),
    exists: async (path) => (await checkpoint(), vault.exists(path)),
    write: (path, content) => vault.write(path, content),
    createExclusive: (path, content) => vault.createExclusive(path, content),
    process: (path, edit) => vault.process(path, edit),
    processFrontMatter: (path, edit) => vault.processFrontMatter(path, edit),
    mkdir: (path) => vault.mkdir(path),
  };
}

/** Text within the output budget: cut at the last line that fits, and a last line saying how to get the rest. */
export function withinOutput(text: string, outputChars: number): { text: string; cut: boolean } {
  if (text.length <= outputChars) return { text, cut: false };
  const room = text.lastIndexOf("\n", outputChars);
  const kept = text.slice(0, room > 0 ? room : outputChars);
  const note = `[decp: output cut at ${kept.length.toLocaleString("en-US")} of ${text.length.toLocaleString("en-US")} characters, this call's output budget; narrow the request (a smaller selector, budget or set of paths) to see the rest]`;
  return { text: `${kept}\n${note}`, cut: true };
}
