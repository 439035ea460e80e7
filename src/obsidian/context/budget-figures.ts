// The two measures the token budget view shows apart, read off core's pack and tally in one place:
// how full the pack (or tally) is against its own budget, and the phase of the context window those
// tokens put a fresh session in (gsd-lite's phases are shares of the window, never of a pack).

import type { BudgetPhase, ContextPack, Tally } from "../../core/context";

export interface Figures {
  /** Tokens against the pack's (or tally's) own budget. */
  fill: { used: number; budget: number };
  /** The phase those tokens put a session in, and their share of the context window it is measured against. */
  phase: { phase: BudgetPhase; share: number; window: number };
}

export function packFigures(pack: ContextPack): Figures {
  return {
    fill: { used: pack.used, budget: pack.budget },
    phase: { phase: pack.phase, share: pack.used / pack.contextWindow, window: pack.contextWindow },
  };
}

export function tallyFigures(tally: Tally): Figures {
  return {
    fill: { used: tally.total, budget: tally.budget },
    phase: { phase: tally.phase, share: tally.total / tally.contextWindow, window: tally.contextWindow },
  };
}
