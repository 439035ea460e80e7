// Context decision records as sessions use them: the context area's listing (newest first) plus the
// reason the record states (its Why section), quoted in handoffs, resume packs, summaries and PR narratives.

import { listContextRecords, type ContextRecordSummary } from "../context";
import { parseNote } from "../frontmatter";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";

export interface ContextDecision extends ContextRecordSummary {
  /** The first paragraph of the record's "Why" (or "Rationale") section; "" without one. */
  rationale: string;
}

/**
 * Only a stated reason: a record decp wrote opens with its own numbers ("Loaded 1,178 of 5,000 tokens
 * ..."), which the record's one-line summary already gives the agent.
 */
function whyParagraph(body: string): string {
  const why = /^#{1,6}\s+(?:why|rationale)\b.*\n([\s\S]*?)(?=\n#{1,6}\s|$)/im.exec(body);
  const para = (why?.[1] ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .find((p) => p !== "" && !p.startsWith("|") && !p.startsWith("<") && !p.startsWith("```") && !p.startsWith("%%"));
  return para ?? "";
}

/** Newest first; a record that cannot be read again is listed without a rationale. */
export async function listContextDecisions(vault: VaultPort, settings: DecpSettings): Promise<ContextDecision[]> {
  const out: ContextDecision[] = [];
  for (const record of await listContextRecords(vault, settings)) {
    let rationale = "";
    try {
      rationale = whyParagraph(parseNote(await vault.read(record.path), record.path).body);
    } catch {
      rationale = "";
    }
    out.push({
      ...record,
      budget: Number.isFinite(record.budget) ? record.budget : 0,
      used: Number.isFinite(record.used) ? record.used : 0,
      rationale,
    });
  }
  return out;
}
