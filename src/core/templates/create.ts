// Creating a note from a template: check the template, name the note, issue its ids, write it.
// Ids are only issued once the note is known to be creatable, so a refusal never burns a number.

import { DateTime } from "luxon";
import { UserError } from "../errors";
import { parseNote } from "../frontmatter";
import type { Clock } from "../ports";
import type { DecpSettings } from "../settings";
import { joinVaultPath, type VaultPort } from "../vault";
import { wikilink } from "../wikilinks";
import { applyPlan, emptyPlan, planWrite } from "../write-plan";
import { resolveTemplateIds } from "./ids";
import { renderTemplate, type TemplateVars } from "./render";
import { inspectTemplate, type TemplateSource } from "./source";
import { settingsValues } from "./targets";

export interface CreateNoteOptions {
  clock: Clock;
  zone?: string;
  title?: string;
  model?: string;
  /** Link to the session's daily note; defaults to `[[yyyy-MM-dd]]` of today. */
  session?: string;
}

export interface CreatedNote {
  path: string;
  /** Variables left as written because nothing could fill them. */
  unknown: string[];
}

// Obsidian refuses these in file names, and [ ] # ^ | break links to the note.
const FORBIDDEN_IN_NAME = /[*"\\/<>:|?#^[\]]/;

export function checkNoteTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed === "") throw new UserError("The note needs a title", {}, "Type a title");
  const bad = FORBIDDEN_IN_NAME.exec(trimmed);
  if (bad)
    throw new UserError(
      `A title cannot contain "${bad[0]}"`,
      { token: bad[0] },
      'Leave out * " \\ / < > : | ? # ^ [ ]',
    );
  return trimmed;
}

export async function createNoteFromTemplate(
  vault: VaultPort,
  settings: DecpSettings,
  source: TemplateSource,
  options: CreateNoteOptions,
): Promise<CreatedNote> {
  const info = inspectTemplate(source, settings, options.clock);
  if (info.needsTitle && options.title === undefined)
    throw new UserError(`Template "${source.name}" needs a title`, { file: source.file }, "Give the note a title");
  const title = options.title === undefined ? undefined : checkNoteTitle(options.title);
  const today = DateTime.fromJSDate(options.clock.now(), options.zone ? { zone: options.zone } : {}).toFormat(
    "yyyy-MM-dd",
  );
  const base: TemplateVars = {
    clock: options.clock,
    zone: options.zone,
    title,
    model: options.model?.trim() || undefined,
    session: options.session ?? wikilink(today),
    values: settingsValues(settings),
  };
  const both = `${info.target.name}\n${source.text}`;
  const pathFor = (ids: TemplateVars["ids"]): string =>
    joinVaultPath(info.target.folder, `${renderTemplate(info.target.name, { ...base, ids }).text}.md`);

  const peekedIds = await resolveTemplateIds(both, vault, settings.protocolFolder, "peek");
  const peeked = pathFor(peekedIds);
  parseNote(renderTemplate(source.text, { ...base, ids: peekedIds }).text, source.file); // a title or model must not break the YAML
  if (await vault.exists(peeked)) {
    throw new UserError(
      `"${peeked}" already exists`,
      { file: peeked },
      "Nothing was written; choose another title or rename the existing note",
    );
  }
  const ids = await resolveTemplateIds(both, vault, settings.protocolFolder, "issue");
  const path = pathFor(ids);
  const rendered = renderTemplate(source.text, { ...base, ids });
  const plan = emptyPlan();
  planWrite(plan, path, rendered.text, `new note from template ${source.name}`);
  await applyPlan(vault, plan);
  return { path, unknown: rendered.unknown };
}
