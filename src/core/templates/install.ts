// Installing the bundled templates into a vault: templates into the templates folder, protocol notes
// into the protocol folder. Idempotent, and never overwrites a user's edit: a record of what was
// installed (content fingerprints) tells "our old version" from "the user's text".

import { parseNote, stringifyNote } from "../frontmatter";
import type { DecpSettings } from "../settings";
import { joinVaultPath, type VaultPort } from "../vault";
import { emptyPlan, planWrite, type WritePlan } from "../write-plan";
import { fingerprint } from "../content-hash";
import { BUNDLED_TEMPLATE_LIST, type BundledTemplate } from "./registry";

export interface KeptTemplate {
  /** The user's edited copy, left as it is. */
  path: string;
  /** Where the new bundled version is (or was earlier) offered; null when that file is edited too. */
  newVersion: string | null;
}

export interface TemplateInstallPlan {
  plan: WritePlan;
  kept: KeptTemplate[];
}

const RECORD_BODY = `%% WHY (workflow): The plugin and \`decp init\` record here the fingerprint of every template they
installed, so a later install can tell a template you edited (kept, the new version is written beside
it) from one you did not (updated). Deleting this note only makes the next install more careful. %%
`;

export function installRecordPath(settings: DecpSettings): string {
  return joinVaultPath(settings.protocolFolder, "Installed templates.md");
}

export function installPath(template: BundledTemplate, settings: DecpSettings): string {
  return joinVaultPath(
    template.install === "protocol" ? settings.protocolFolder : settings.templatesFolder,
    template.file,
  );
}

export function newVersionPath(path: string): string {
  return path.replace(/\.md$/, "") + " (new version).md";
}

async function readText(vault: VaultPort, path: string): Promise<string | undefined> {
  return (await vault.exists(path)) ? vault.read(path) : undefined;
}

interface InstallRecord {
  text?: string;
  frontmatter: Record<string, unknown>;
  body: string;
  installed: Record<string, string>;
}

async function readRecord(vault: VaultPort, path: string): Promise<InstallRecord> {
  const text = await readText(vault, path);
  if (text === undefined) return { frontmatter: { type: "protocol" }, body: RECORD_BODY, installed: {} };
  const note = parseNote(text, path);
  const raw = note.frontmatter.installed;
  const installed: Record<string, string> = {};
  if (raw && typeof raw === "object" && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw)) if (typeof value === "string") installed[key] = value;
  }
  return { text, frontmatter: note.frontmatter, body: note.body, installed };
}

export async function planTemplateInstall(
  vault: VaultPort,
  settings: DecpSettings,
  templates: readonly BundledTemplate[] = BUNDLED_TEMPLATE_LIST,
): Promise<TemplateInstallPlan> {
  const plan = emptyPlan();
  const kept: KeptTemplate[] = [];
  const recordPath = installRecordPath(settings);
  const record = await readRecord(vault, recordPath);
  const next: Record<string, string> = { ...record.installed };

  for (const template of templates) {
    const path = installPath(template, settings);
    const hash = fingerprint(template.text);
    const current = await readText(vault, path);
    if (current === undefined || current === template.text || record.installed[path] === fingerprint(current)) {
      // Missing, identical, or an earlier version nobody edited: ours to write.
      planWrite(
        plan,
        path,
        template.text,
        current === undefined ? "install template" : "update unedited template",
        current,
      );
      next[path] = hash;
      continue;
    }
    const beside = newVersionPath(path);
    const besideText = await readText(vault, beside);
    const dismissed = besideText === undefined && record.installed[beside] === hash;
    if (dismissed) {
      kept.push({ path, newVersion: beside });
    } else if (
      besideText === undefined ||
      besideText === template.text ||
      record.installed[beside] === fingerprint(besideText)
    ) {
      planWrite(plan, beside, template.text, "new version beside an edited template", besideText);
      next[beside] = hash;
      kept.push({ path, newVersion: beside });
    } else {
      kept.push({ path, newVersion: null });
    }
  }

  const installed = Object.fromEntries(Object.entries(next).sort(([a], [b]) => a.localeCompare(b)));
  planWrite(
    plan,
    recordPath,
    stringifyNote({ ...record.frontmatter, installed }, record.body),
    "record installed templates",
    record.text,
  );
  return { plan, kept };
}
