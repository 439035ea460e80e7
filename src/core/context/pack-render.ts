// The paste-ready Markdown bundle of a pack: "Copy context pack", `decp pack` and the MCP
// context_pack tool all return exactly this text, so it depends on the pack alone (no clock).

import { formatTokens } from "./budget";
import { fenceFor } from "./note-forms";
import type { ContextPack, PackExclusion, PackItem } from "./pack-types";

function percent(used: number, budget: number): string {
  return `${Math.round((used / budget) * 100)} %`;
}

function includedSummary(items: PackItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.reason, (counts.get(item.reason) ?? 0) + 1);
  return [...counts].map(([reason, n]) => (n === 1 ? reason : `${reason}: ${n}`)).join("; ");
}

export function renderPackHeader(pack: ContextPack): string {
  const lines = [
    `# Context pack: ${pack.focus.name}`,
    "",
    `- Budget: ${formatTokens(pack.budget)} tokens (${pack.encoding}); used ${formatTokens(pack.used)} (${percent(pack.used, pack.budget)}, ${pack.phase}), ${formatTokens(pack.remaining)} left`,
    `- Focus: ${pack.focus.path}${pack.selector ? `; selector: ${pack.selector}` : ""}; depth ${pack.depth}`,
    `- Included: ${pack.included.length} ${pack.included.length === 1 ? "note" : "notes"} (${includedSummary(pack.included)})`,
    `- Excluded: ${pack.excluded.length} ${pack.excluded.length === 1 ? "note" : "notes"}, ${formatTokens(sumTokens(pack.excluded))} tokens`,
  ];
  if (pack.focusNeeds) {
    lines.push(`- Focus in compact form: the full note needs ${formatTokens(pack.focusNeeds.full)} tokens`);
  }
  if (pack.stripped.savedTokens > 0) {
    const what = [pack.stripped.comments ? "teaching comments" : "", pack.stripped.frontmatter ? "frontmatter" : ""]
      .filter(Boolean)
      .join(" and ");
    lines.push(`- Stripped ${what}: ${formatTokens(pack.stripped.savedTokens)} tokens saved`);
  }
  if (pack.groups.length > 0) {
    lines.push("- Why excluded:");
    for (const g of pack.groups)
      lines.push(`  - ${g.reason}: ${g.files} ${g.files === 1 ? "file" : "files"}, ${formatTokens(g.tokens)} tokens`);
  }
  return lines.join("\n") + "\n";
}

export function renderPackItem(item: PackItem): string {
  const fence = fenceFor(item.content);
  const body = item.content.endsWith("\n") || item.content === "" ? item.content : item.content + "\n";
  return `## ${item.name} (${item.reason}, ${item.form}, ${formatTokens(item.tokens)} tokens)\n\nPath: ${item.path}\n\n${fence}markdown\n${body}${fence}\n`;
}

export function renderPackMarkdown(pack: ContextPack): string {
  return [renderPackHeader(pack), ...pack.included.map(renderPackItem)].join("\n");
}

export function sumTokens(items: ReadonlyArray<{ tokens: number }>): number {
  return items.reduce((sum, i) => sum + i.tokens, 0);
}

/** The JSON document `decp pack --json` (and the MCP tool) returns. */
export function packSummary(pack: ContextPack): {
  budget: number;
  used: number;
  remaining: number;
  phase: string;
  encoding: string;
  focus: string;
  depth: number;
  included: Array<{ path: string; tokens: number; reason: string; form: string }>;
  excluded: PackExclusion[];
} {
  return {
    budget: pack.budget,
    used: pack.used,
    remaining: pack.remaining,
    phase: pack.phase,
    encoding: pack.encoding,
    focus: pack.focus.path,
    depth: pack.depth,
    included: pack.included.map((i) => ({ path: i.path, tokens: i.tokens, reason: i.reason, form: i.form })),
    excluded: pack.excluded.map((e) => ({ path: e.path, tokens: e.tokens, reason: e.reason })),
  };
}
