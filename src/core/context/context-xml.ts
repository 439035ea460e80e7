// The protocol's <context_loaded> block (docs/ARCHITECTURE.md): what an agent reads about the context it
// was given. Included files grouped by reason; exclusions grouped with a rationale.

import type { ContextPack } from "./pack-types";

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderContextLoaded(pack: ContextPack): string {
  const lines = [
    "<context_loaded>",
    `  <budget total="${pack.budget}" used="${pack.used}" remaining="${pack.remaining}" phase="${pack.phase}" context_window="${pack.contextWindow}" encoding="${pack.encoding}"/>`,
  ];
  const sections = pack.included.filter((i) => i.form !== "name");
  for (const reason of new Set(sections.map((i) => i.reason))) {
    lines.push(`  <included reason="${escapeXml(reason)}">`);
    for (const item of sections.filter((i) => i.reason === reason)) {
      lines.push(`    <file path="${escapeXml(item.path)}" tokens="${item.tokens}" form="${item.form}"/>`);
    }
    lines.push("  </included>");
  }
  // Children named in the focus card: one line per reason, not one per name.
  for (const reason of new Set(pack.included.filter((i) => i.form === "name").map((i) => i.reason))) {
    const named = pack.included.filter((i) => i.form === "name" && i.reason === reason);
    const tokens = named.reduce((sum, i) => sum + i.tokens, 0);
    lines.push(`  <included reason="${escapeXml(reason)}" form="name" files="${named.length}" tokens="${tokens}"/>`);
  }
  for (const group of pack.groups) {
    lines.push(`  <excluded reason="${escapeXml(group.reason)}" files="${group.files}" tokens="${group.tokens}">`);
    lines.push(`    <rationale>${escapeXml(group.rationale)}</rationale>`);
    lines.push("  </excluded>");
  }
  lines.push("</context_loaded>");
  return lines.join("\n");
}
