// Budget phases from the original protocol: comfortable < 20 %, deliberate < 40 %, warning < 50 %,
// stop >= 50 % of the budget (thresholds are settings).

import { UserError } from "../errors";
import type { BudgetPhases } from "../settings";

export type BudgetPhase = "comfortable" | "deliberate" | "warning" | "stop";

export function budgetPhase(used: number, budget: number, phases: BudgetPhases): BudgetPhase {
  const share = budget > 0 ? used / budget : Infinity;
  if (share < phases.comfortable) return "comfortable";
  if (share < phases.deliberate) return "deliberate";
  if (share < phases.warning) return "warning";
  return "stop";
}

/** Validates a budget typed by a user (CLI flag, modal). */
export function parseBudget(value: string | number): number {
  const n = typeof value === "number" ? value : Number(String(value).replace(/[_,\s]/g, ""));
  if (!Number.isInteger(n) || n <= 0) {
    throw new UserError(
      `Budget "${value}" is not a positive whole number of tokens`,
      { token: String(value) },
      "Pass e.g. 1000, 2000 or 5000",
    );
  }
  return n;
}

/** 4873 -> "4,873": the one number format of reports, records and packs. */
export function formatTokens(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * 1,950 of 10,000 -> "19.5 %": one decimal, never rounded up across a phase threshold (19.96 % is not
 * "20.0 %" while the phase still says comfortable).
 */
export function formatShare(part: number, whole: number): string {
  return `${(Math.floor((part / whole) * 1000) / 10).toFixed(1)} %`;
}
