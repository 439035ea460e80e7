// The report of an import (what was written, left alone, removed, and why) and the summary both
// adapters show from it: the CLI on stdout, the plugin in a Notice.

import type { DbtProject, UnresolvedRef } from "./project";

export interface ImportReport {
  project: string;
  folder: string;
  models: number;
  sources: number;
  seeds: number;
  snapshots: number;
  /** The project's own macros, one note each. */
  macros: number;
  created: number;
  updated: number;
  written: number;
  unchanged: number;
  /** Notes of nodes no longer in the project, marked `status: removed` (never deleted). */
  removed: string[];
  /** Notes left alone, with why (markers removed by the user, a foreign note in the way). */
  skipped: { path: string; reason: string }[];
  unresolved: UnresolvedRef[];
  warnings: string[];
  /** Models whose column usage was analysed from their SQL, and models that kept the last import's. */
  columnUsage?: { analysed: number; reused: number };
}

export function emptyReport(project: DbtProject, folder: string): ImportReport {
  const count = (type: string): number => project.nodes.filter((d) => d.node.resourceType === type).length;
  return {
    project: project.name,
    folder,
    models: count("model"),
    sources: count("source"),
    seeds: count("seed"),
    snapshots: count("snapshot"),
    macros: project.macros.length,
    created: 0,
    updated: 0,
    written: 0,
    unchanged: 0,
    removed: [],
    skipped: [],
    unresolved: project.unresolved,
    warnings: project.warnings,
  };
}

/** The summary both adapters show after an import (stdout, a Notice). */
export function describeImport(report: ImportReport): string {
  const lines = [
    `Imported ${report.project} into ${report.folder}: ${report.models} models, ${report.sources} sources, ${report.seeds} seeds, ${report.snapshots} snapshots, ${report.macros} macros.`,
    `${report.written} notes written (${report.created} new, ${report.updated} updated), ${report.unchanged} unchanged.`,
  ];
  if (report.removed.length > 0)
    lines.push(
      `${report.removed.length} notes marked removed (their nodes left the project):`,
      ...report.removed.map((p) => `  ${p}`),
    );
  if (report.skipped.length > 0)
    lines.push(`${report.skipped.length} notes left alone:`, ...report.skipped.map((s) => `  ${s.path}: ${s.reason}`));
  if (report.unresolved.length > 0)
    lines.push(
      `${report.unresolved.length} refs could not be resolved statically:`,
      ...report.unresolved.map((u) => `  ${u.file}:${u.line}: ${u.call}: ${u.reason}`),
    );
  for (const warning of report.warnings) lines.push(`Note: ${warning}`);
  return lines.join("\n");
}
