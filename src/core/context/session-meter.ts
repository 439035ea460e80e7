// The session meter: the tokens an MCP server has handed the agent on one connection, and the phase of
// the context window they fill (gsd-lite: percentages of the window, never of a pack). Every tool
// result ends with one line stating both; at warning and stop the line says what to do.

import type { BudgetPhases, DecpSettings } from "../settings";
import { budgetPhase, formatShare, formatTokens, type BudgetPhase } from "./budget";

const ADVICE: Partial<Record<BudgetPhase, string>> = {
  warning: "finish the current step, explore nothing new, then write the handoff (write_handoff)",
  stop: "write the handoff now (write_handoff) and start a fresh session from it",
};

export function meterLine(total: number, contextWindow: number, phases: BudgetPhases): string {
  const phase = budgetPhase(total, contextWindow, phases);
  const advice = ADVICE[phase];
  return `Session: ${formatTokens(total)} tokens returned on this connection, ${formatShare(total, contextWindow)} of a ${formatTokens(contextWindow)}-token context window (${phase})${advice ? `: ${advice}` : ""}.`;
}

export class SessionMeter {
  private sum = 0;

  constructor(private readonly settings: Pick<DecpSettings, "contextWindow" | "phases">) {}

  /** Tokens returned so far, meter lines included. */
  get total(): number {
    return this.sum;
  }

  /** Counts text handed over without a meter line of its own (a protocol note read as a resource). */
  record(text: string, count: (text: string) => number): void {
    this.sum += count(text);
  }

  /**
   * The text with the meter line after it. The total the line states includes the whole result, the
   * line's own tokens too, so the totals of a session add up to exactly what the agent received.
   */
  close(text: string, count: (text: string) => number): string {
    const compose = (total: number) =>
      `${text}\n\n${meterLine(total, this.settings.contextWindow, this.settings.phases)}`;
    let stated = this.sum + count(text) + 40;
    // The stated number changes the line's tokens by one at most now and then: a few rounds settle it.
    for (let round = 0; round < 50; round++) {
      const actual = this.sum + count(compose(stated));
      if (actual === stated) break;
      stated = round < 8 ? actual : stated + 1;
    }
    const out = compose(stated);
    this.sum += count(out);
    return out;
  }
}
