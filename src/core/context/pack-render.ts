// The paste-ready text of a pack, written for the model: "Copy context pack", `decp pack` and the MCP
// context_pack tool all return exactly this text, so it depends on the pack alone (no clock). A header
// (fill, phase, what was loaded and what was left out and why), then the focus card and the others.

import { formatShare, formatTokens } from "./budget";
import { inFocusCard } from "./note-forms";
import type { ContextPack, PackExclusion, PackItem } from "./pack-types";

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatTokens(n)} ${n === 1 ? one : many}`;
}

/** "direct parents: 2 cards, 1 with SQL; direct children: 60 named; linked notes: 3 (1 compact)". */
function loadedSummary(items: PackItem[]): string {
  const byReason = new Map<string, PackItem[]>();
  for (const item of items) {
    const reason = item.cause.kind === "macro" ? "macros" : item.reason;
    const list = byReason.get(reason);
    if (list) list.push(item);
    else byReason.set(reason, [item]);
  }
  const parts = [...byReason].map(([reason, list]) => {
    const named = list.filter((i) => i.form === "name").length;
    if (named === list.length) return `${reason}: ${named} named`;
    const compact = list.filter((i) => i.form === "compact").length;
    const columns = list.filter((i) => i.form === "columns").length;
    const forms = [compact ? `${compact} compact` : "", columns ? `${columns} column names only` : ""].filter(Boolean);
    return `${reason}: ${list.length}${forms.length ? ` (${forms.join(", ")})` : ""}`;
  });
  return parts.length ? parts.join("; ") : "the focus only";
}

export function renderPackHeader(pack: ContextPack): string {
  const focus = pack.included.find((i) => i.cause.kind === "focus");
  const sqlWanted = pack.request.sql ?? "raw";
  const lines = [
    `# Context pack: ${pack.focus.name}`,
    "",
    `- Fill: ${formatTokens(pack.used)} / ${formatTokens(pack.budget)} tokens (${pack.encoding}), ${formatTokens(pack.remaining)} left`,
    `- Phase: ${pack.phase}; this pack alone is ${formatShare(pack.used, pack.contextWindow)} of a ${formatTokens(pack.contextWindow)}-token context window`,
    `- Focus: ${pack.focus.name}${pack.focus.lineage ? ` (model card with its ${sqlWanted} SQL)` : focus?.form === "compact" ? " (compact)" : ""}; depth ${pack.depth}${pack.selector ? `; selector ${pack.selector}` : ""}`,
  ];
  if (pack.columns.length) lines.push(`- Columns in question: ${pack.columns.join(", ")}`);
  lines.push(`- Loaded: ${loadedSummary(pack.included.filter((i) => i !== focus))}`);
  if (pack.focusNeeds)
    lines.push(`- Focus in compact form: the full note needs ${formatTokens(pack.focusNeeds.full)} tokens`);
  if (pack.groups.length > 0 || pack.sqlLeftOut.length > 0) {
    lines.push("- Left out:");
    for (const g of pack.groups)
      lines.push(
        g.asNames
          ? `  - ${g.reason}: ${formatTokens(g.files)} not named`
          : `  - ${g.reason}: ${plural(g.files, "note")}, ${plural(g.tokens, "token")}`,
      );
    if (pack.sqlLeftOut.length) lines.push(`  - SQL of ${pack.sqlLeftOut.join(", ")}: over budget`);
  }
  return lines.join("\n") + "\n";
}

/** A section as placed in the pack; named children and parents' column names live inside the focus card. */
export function renderPackItem(item: PackItem): string {
  return inFocusCard(item.form) ? "" : item.content;
}

export function renderPackMarkdown(pack: ContextPack): string {
  const sections = pack.included.filter((i) => !inFocusCard(i.form)).map(renderPackItem);
  return [renderPackHeader(pack), ...sections].join("\n");
}

export function sumTokens(items: ReadonlyArray<{ tokens: number }>): number {
  return items.reduce((sum, i) => sum + i.tokens, 0);
}

/** The JSON document `decp pack --json` prints (the keys DESIGN.md's CLI contract names, and more). */
export function packSummary(pack: ContextPack): {
  budget: number;
  used: number;
  remaining: number;
  phase: string;
  contextWindow: number;
  encoding: string;
  focus: string;
  depth: number;
  columns: string[];
  included: Array<{ path: string; tokens: number; reason: string; form: string }>;
  excluded: Array<Omit<PackExclusion, "cause">>;
  sqlLeftOut: string[];
} {
  return {
    budget: pack.budget,
    used: pack.used,
    remaining: pack.remaining,
    phase: pack.phase,
    contextWindow: pack.contextWindow,
    encoding: pack.encoding,
    focus: pack.focus.path,
    depth: pack.depth,
    columns: pack.columns,
    included: pack.included.map((i) => ({ path: i.path, tokens: i.tokens, reason: i.reason, form: i.form })),
    excluded: pack.excluded.map((e) => ({ path: e.path, tokens: e.tokens, reason: e.reason })),
    sqlLeftOut: pack.sqlLeftOut,
  };
}
