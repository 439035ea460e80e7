// Context decision records: a note in the Context folder saying what a pack loaded, what it left
// out and why (tables for people, the <context_loaded> block for agents). Owns the record format.

import type { Clock } from "../ports";
import { RESERVATIONS_FOLDER } from "../protocol";
import { parseNote, stringifyNote } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { emptyPlan, planWrite, applyPlan, type WritePlan } from "../write-plan";
import { safeName } from "../names";
import { isInFolder, joinVaultPath, type VaultPort } from "../vault";
import { isoSeconds } from "../timestamps";
import { linkTarget, wikilink } from "../wikilinks";
import { formatTokens } from "./budget";
import { renderContextLoaded } from "./context-xml";
import type { ContextPack } from "./pack-types";

export interface ContextRecordSummary {
  path: string;
  created: string;
  focus: string;
  budget: number;
  used: number;
  phase: string;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function link(name: string): string {
  return wikilink(name.replace(/\.md$/, ""));
}

function noteName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1).replace(/\.md$/, "");
}

export function renderContextRecord(pack: ContextPack, created: string): string {
  const frontmatter = {
    type: "context",
    budget: pack.budget,
    used: pack.used,
    phase: pack.phase,
    context_window: pack.contextWindow,
    encoding: pack.encoding,
    focus: link(pack.focus.name),
    selector: pack.selector,
    created,
  };
  const percent = Math.round((pack.used / pack.budget) * 100);
  const body: string[] = [
    `# Context decision: ${pack.focus.name}`,
    "",
    "%% What the copilot was given for this task, what was left out and why. Agents read the <context_loaded> block at the end. %%",
    "",
    `Loaded ${formatTokens(pack.used)} of ${formatTokens(pack.budget)} tokens (${percent} % of the budget; phase ${pack.phase} in a ${formatTokens(pack.contextWindow)}-token context window) around ${link(pack.focus.name)} at depth ${pack.depth}, encoding ${pack.encoding}${pack.selector ? `, selector \`${pack.selector}\`` : ""}.`,
  ];
  if (pack.columns.length) body.push("", `Columns in question: ${pack.columns.join(", ")}.`);
  if (pack.focusNeeds)
    body.push("", `The focus is in compact form: the full note needs ${formatTokens(pack.focusNeeds.full)} tokens.`);
  if (pack.sqlLeftOut.length)
    body.push("", `Cards without their SQL (over budget): ${pack.sqlLeftOut.map(link).join(", ")}.`);
  body.push("", "## Included", "", "| Note | Reason | Form | Tokens |", "| --- | --- | --- | ---: |");
  for (const i of pack.included.filter((item) => item.form !== "name"))
    body.push(`| ${link(noteName(i.path))} | ${cell(i.reason)} | ${i.form} | ${formatTokens(i.tokens)} |`);
  for (const [reason, names] of namedByReason(pack))
    body.push(
      "",
      `Named in the focus card (${reason}, ${names.length}): ${names.map((n) => link(noteName(n))).join(", ")}.`,
    );
  body.push("", "## Excluded", "");
  if (pack.groups.length === 0) body.push("Nothing: every note around the focus was loaded.");
  else {
    body.push("| Reason | Files | Tokens | Why |", "| --- | ---: | ---: | --- |");
    for (const g of pack.groups)
      body.push(`| ${cell(g.reason)} | ${g.files} | ${formatTokens(g.tokens)} | ${cell(g.rationale)} |`);
    body.push("", "### Excluded notes", "", "| Note | Reason | Tokens |", "| --- | --- | ---: |");
    for (const e of pack.excluded)
      body.push(`| ${link(noteName(e.path))} | ${cell(e.reason)} | ${formatTokens(e.tokens)} |`);
  }
  body.push("", "## Decisions", "");
  for (const h of pack.history) {
    const verb = h.action === "build" ? "Built" : "Expanded";
    body.push(
      `- ${verb} at depth ${h.depth} with a ${formatTokens(h.budget)}-token budget: used ${formatTokens(h.used)}.`,
    );
  }
  body.push("", "## For agents", "", "```xml", renderContextLoaded(pack), "```", "");
  return stringifyNote(frontmatter, body.join("\n"));
}

/** Notes the focus card names (its children), by reason, in rank order. */
export function namedByReason(pack: ContextPack): Map<string, string[]> {
  const named = new Map<string, string[]>();
  for (const i of pack.included.filter((item) => item.form === "name"))
    named.set(i.reason, [...(named.get(i.reason) ?? []), i.path]);
  return named;
}

function fileStamp(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 13)}${iso.slice(14, 16)}`;
}

/**
 * Plans the record note; a second record in the same minute gets " 2", " 3", ... Each name is
 * reserved across processes first (as ids are), so concurrent saves never pick the same file.
 */
export async function planContextRecord(
  vault: VaultPort,
  settings: Pick<DecpSettings, "contextFolder">,
  pack: ContextPack,
  clock: Clock,
): Promise<{ plan: WritePlan; path: string }> {
  const created = isoSeconds(clock.now());
  const base = `${fileStamp(created)} ${safeName(pack.focus.name, { replacement: "-" })}`;
  let path = "";
  for (let n = 1; path === ""; n++) {
    const name = n === 1 ? `${base}.md` : `${base} ${n}.md`;
    const candidate = joinVaultPath(settings.contextFolder, name);
    if (await vault.exists(candidate)) continue;
    if (await vault.createExclusive(`${RESERVATIONS_FOLDER}/records/${name}`, "")) path = candidate;
  }
  const plan = emptyPlan();
  planWrite(plan, path, renderContextRecord(pack, created), "context decision record");
  return { plan, path };
}

export async function saveContextRecord(
  vault: VaultPort,
  settings: Pick<DecpSettings, "contextFolder">,
  pack: ContextPack,
  clock: Clock,
): Promise<string> {
  const { plan, path } = await planContextRecord(vault, settings, pack, clock);
  await applyPlan(vault, plan);
  return path;
}

/** Every context record in the Context folder, newest first; unreadable notes are left out. */
export async function listContextRecords(
  vault: VaultPort,
  settings: Pick<DecpSettings, "contextFolder">,
): Promise<ContextRecordSummary[]> {
  const records: ContextRecordSummary[] = [];
  for (const path of await vault.list(settings.contextFolder)) {
    if (!path.endsWith(".md") || !isInFolder(path, settings.contextFolder)) continue;
    let frontmatter: Record<string, unknown>;
    try {
      frontmatter = parseNote(await vault.read(path), path).frontmatter;
    } catch {
      continue;
    }
    if (frontmatter.type !== "context") continue;
    const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : "");
    records.push({
      path,
      created: text(frontmatter.created),
      focus: linkTarget(text(frontmatter.focus)),
      budget: Number(frontmatter.budget),
      used: Number(frontmatter.used),
      phase: text(frontmatter.phase),
    });
  }
  return records.sort((a, b) => b.created.localeCompare(a.created) || b.path.localeCompare(a.path));
}
