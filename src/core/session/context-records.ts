// Context decision records as the session area reads them. Until the context area's
// listContextRecords lands on main this scans notes with `type: context` in the Context folder;
// it reads frontmatter only and never writes the format.

import { parseNote } from "../frontmatter";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";

export interface ContextRecordSummary {
  path: string;
  created: string;
  focus: string;
  budget: number;
  used: number;
  phase: string;
  /** The record's decision text (its first paragraph under "Why" or the body's first paragraph). */
  rationale: string;
}

function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

function firstParagraph(body: string): string {
  const why = /^#{1,6}\s+(?:why|rationale|decision)\b.*\n([\s\S]*?)(?=\n#{1,6}\s|$)/im.exec(body);
  const source = why ? why[1] : body.replace(/^#{1,6}\s.*$/gm, "");
  const para = source
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p !== "" && !p.startsWith("|") && !p.startsWith("<") && !p.startsWith("```") && !p.startsWith("%%"));
  return para ?? "";
}

/** Newest first (by `created`); unreadable notes are skipped. */
export async function listContextRecords(vault: VaultPort, settings: DecpSettings): Promise<ContextRecordSummary[]> {
  const out: ContextRecordSummary[] = [];
  for (const path of await vault.list(settings.contextFolder)) {
    if (!path.endsWith(".md")) continue;
    try {
      const note = parseNote(await vault.read(path), path);
      const fm = note.frontmatter;
      if (fm.type !== "context") continue;
      out.push({
        path,
        created: str(fm.created),
        focus: str(fm.focus).replace(/^\[\[|\]\]$/g, ""),
        budget: Number(fm.budget) || 0,
        used: Number(fm.used) || 0,
        phase: str(fm.phase),
        rationale: firstParagraph(note.body),
      });
    } catch {
      continue;
    }
  }
  return out.sort((a, b) => b.created.localeCompare(a.created) || a.path.localeCompare(b.path));
}
