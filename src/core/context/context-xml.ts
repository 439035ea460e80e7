// The protocol's <context_loaded> block (docs/ARCHITECTURE.md): what an agent reads about the context it
// was given. Included files grouped by reason; exclusions grouped with a rationale.

import type { ContextPack } from "./pack-types";

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function renderContextLoaded(pack: ContextPack): string {
  const lines = [
    "<context_loaded>",
    `  <budget total="${pack.budget}" used="${pack.used}" remaining="${pack.remaining}" phase="${pack.phase}" encoding="${pack.encoding}"/>`,
  ];
  const reasons = [...new Set(pack.included.map((i) => i.reason))];
  for (const reason of reasons) {
    lines.push(`  <included reason="${escapeXml(reason)}">`);
    for (const item of pack.included.filter((i) => i.reason === reason)) {
      lines.push(`    <file path="${escapeXml(item.path)}" tokens="${item.tokens}" form="${item.form}"/>`);
    }
    lines.push("  </included>");
  }
  for (const group of pack.groups) {
    lines.push(`  <excluded reason="${escapeXml(group.reason)}" files="${group.files}" tokens="${group.tokens}">`);
    lines.push(`    <rationale>${escapeXml(group.rationale)}</rationale>`);
    lines.push("  </excluded>");
  }
  lines.push("</context_loaded>");
  return lines.join("\n");
}
