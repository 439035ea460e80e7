// Templates a user can instantiate: the bundled ones and the user's own in the templates folder.
// A user template may be broken; inspecting it reports the template file and line.

import { UserError } from "../errors";
import { parseNote } from "../frontmatter";
import { ID_TYPES, formatId, type IdType } from "../protocol";
import type { Clock } from "../ports";
import type { DecpSettings } from "../settings";
import { basename, isInFolder, type VaultPort } from "../vault";
import { BUNDLED_TEMPLATE_LIST } from "./registry";
import { renderTemplate, usesVariable } from "./render";
import { noteTargetFor, settingsValues, type NoteTarget } from "./targets";

export interface TemplateSource {
  name: string;
  /** Vault path of a user template, or the bundled file name ("LOOPS.md"). */
  file: string;
  text: string;
  bundled: boolean;
  description?: string;
}

export interface TemplateInfo {
  /** The `type:` the note will carry, when the template declares one. */
  kind: string | undefined;
  target: NoteTarget;
  needsTitle: boolean;
  needsModel: boolean;
}

const PREVIEW_IDS = Object.fromEntries(ID_TYPES.map((t) => [t, formatId(t, 1)])) as Record<IdType, string>;

/** Reads what a template produces; malformed frontmatter is a UserError naming the template and line. */
export function inspectTemplate(source: TemplateSource, settings: DecpSettings, clock: Clock): TemplateInfo {
  // Check the frontmatter as it will be after rendering: `date: {{date}}` is valid once filled in.
  const preview = renderTemplate(source.text, {
    clock,
    title: "Title",
    model: "model",
    session: "[[session]]",
    ids: PREVIEW_IDS,
    values: settingsValues(settings),
  }).text;
  let kind: string | undefined;
  try {
    const type = parseNote(preview, source.file).frontmatter.type;
    kind = typeof type === "string" ? type : undefined;
  } catch (error) {
    if (error instanceof UserError) {
      throw new UserError(
        `Template "${source.name}": ${error.message}`,
        { ...error.where, file: source.file },
        error.hint,
      );
    }
    throw error;
  }
  const target = noteTargetFor(kind, settings);
  return {
    kind,
    target,
    needsTitle: usesVariable(source.text, "title") || usesVariable(target.name, "title"),
    needsModel: usesVariable(source.text, "model"),
  };
}

/**
 * Every template a user can pick: the user's notes in the templates folder, plus each bundled
 * template that has no copy there yet (a copy, edited or not, stands for the bundled one).
 */
export async function listTemplates(vault: VaultPort, settings: DecpSettings): Promise<TemplateSource[]> {
  const files = (await vault.list(settings.templatesFolder)).filter(
    (p) => p.endsWith(".md") && isInFolder(p, settings.templatesFolder),
  );
  const user: TemplateSource[] = [];
  for (const file of files) user.push({ name: basename(file), file, text: await vault.read(file), bundled: false });
  const names = new Set(user.map((t) => t.name));
  const bundled = BUNDLED_TEMPLATE_LIST.filter((t) => t.install === "templates" && !names.has(t.name)).map(
    (t): TemplateSource => ({ name: t.name, file: t.file, text: t.text, bundled: true, description: t.description }),
  );
  return [...user, ...bundled].sort((a, b) => a.name.localeCompare(b.name));
}
