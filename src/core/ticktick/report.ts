// The sync report as text lines, the same for the CLI, the summary notice and "Show sync report".

import { CONFLICT_POLICY } from "./merge";
import type { SyncReport } from "./state";

export function summarizeReport(report: SyncReport): string {
  const head = report.dryRun ? "Dry run, nothing written: would" : "TickTick sync:";
  const counts = report.dryRun
    ? `${head} ${report.actions.length} change${report.actions.length === 1 ? "" : "s"}`
    : `${head} ${report.created} created, ${report.updated} updated, ${report.imported} imported, ${report.clarified} clarified`;
  const extras = [
    report.conflicts.length ? `${report.conflicts.length} conflict${report.conflicts.length === 1 ? "" : "s"}` : "",
    report.errors.length ? `${report.errors.length} error${report.errors.length === 1 ? "" : "s"}` : "",
    report.pending ? `${report.pending} pending` : "",
  ].filter((e) => e !== "");
  return extras.length ? `${counts} (${extras.join(", ")})` : counts;
}

export function describeReport(report: SyncReport): string[] {
  const lines = [summarizeReport(report)];
  if (report.authRequired)
    lines.push("TickTick needs you to reconnect; nothing was lost and pending changes are kept.");
  for (const action of report.actions) lines.push(`- ${action}`);
  for (const c of report.conflicts) {
    lines.push(
      `Conflict ${c.loopId} ${c.field}: kept ${c.kept} (local ${JSON.stringify(c.local.slice(0, 80))}, TickTick ${JSON.stringify(c.remote.slice(0, 80))})`,
    );
  }
  for (const error of report.errors) lines.push(`Error: ${error}`);
  for (const skipped of report.skipped) lines.push(`Skipped: ${skipped}`);
  if (report.conflicts.length) lines.push(`Conflict policy: ${policyText()}`);
  return lines;
}

export function policyText(): string {
  const by = (side: "local" | "remote") =>
    Object.entries(CONFLICT_POLICY)
      .filter(([, s]) => s === side)
      .map(([f]) => f)
      .join(", ");
  return `the note wins for ${by("local")} (TickTick's text is kept in "Clarified in TickTick"); TickTick wins for ${by("remote")}`;
}
