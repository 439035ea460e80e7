// Template variables: {{date}}, {{time}}, {{datetime}}, {{date:FORMAT}} (luxon), {{title}},
// {{model}}, {{session}}, {{next_id:TYPE}} and any extra values. Unknown variables stay visible and
// are reported. `%%` comments are copied verbatim, so teaching text can name a variable literally.

import { DateTime } from "luxon";
import type { Clock } from "../ports";
import { ID_TYPES, type IdType } from "../protocol";
import { findComments } from "./comments";

export interface TemplateVars {
  clock: Clock;
  /** IANA zone for dates; defaults to the machine's local zone (Obsidian's Templates plugin does the same). */
  zone?: string;
  /** Locale for names in `{{date:FORMAT}}` (e.g. "cccc" -> weekday); defaults to the machine's. */
  locale?: string;
  title?: string;
  model?: string;
  session?: string;
  /** Ids for `{{next_id:TYPE}}`, resolved beforehand (see resolveTemplateIds). */
  ids?: Partial<Record<IdType, string>>;
  /** Further variables by name, e.g. { project: "acme" } for `{{project}}`. */
  values?: Record<string, string>;
}

export interface RenderedTemplate {
  text: string;
  /** Each unknown variable as written (e.g. "{{foo}}"), once, in order of first appearance. */
  unknown: string[];
}

/** dbt Jinja globals written as bare `{{ name }}` in SQL examples: not template variables, never reported. */
const DBT_JINJA_NAMES = new Set([
  "this",
  "target",
  "execute",
  "flags",
  "graph",
  "invocation_id",
  "run_started_at",
  "project_name",
  "schema",
  "database",
  "selected_resources",
]);

const VARIABLE = /\{\{\s*([A-Za-z_][\w-]*)(?::([^}]*))?\s*\}\}/g;

/** The `{{next_id:TYPE}}` types a template uses, in order of first appearance (comments excluded). */
export function idTypesIn(text: string): IdType[] {
  const types: IdType[] = [];
  forEachVariable(text, (name, arg) => {
    const type = arg?.trim().toUpperCase();
    if (
      name === "next_id" &&
      type &&
      (ID_TYPES as readonly string[]).includes(type) &&
      !types.includes(type as IdType)
    ) {
      types.push(type as IdType);
    }
    return null;
  });
  return types;
}

/** Does the template use `{{title}}` outside comments (so a creator must ask the user for one)? */
export function usesVariable(text: string, variable: string): boolean {
  let found = false;
  forEachVariable(text, (name) => {
    if (name === variable) found = true;
    return null;
  });
  return found;
}

export function renderTemplate(text: string, vars: TemplateVars): RenderedTemplate {
  const now = DateTime.fromJSDate(vars.clock.now(), {
    ...(vars.zone ? { zone: vars.zone } : {}),
    ...(vars.locale ? { locale: vars.locale } : {}),
  });
  const unknown: string[] = [];
  const rendered = forEachVariable(text, (name, arg, raw) => {
    if (arg === undefined && DBT_JINJA_NAMES.has(name)) return raw;
    const value = resolve(name, arg, now, vars);
    if (value === null && !unknown.includes(raw)) unknown.push(raw);
    return value;
  });
  return { text: rendered, unknown };
}

function resolve(name: string, arg: string | undefined, now: DateTime, vars: TemplateVars): string | null {
  switch (name) {
    case "date":
      return arg === undefined ? now.toFormat("yyyy-MM-dd") : arg.trim() ? now.toFormat(arg.trim()) : null;
    case "time":
      return arg === undefined ? now.toFormat("HH:mm") : arg.trim() ? now.toFormat(arg.trim()) : null;
    case "datetime":
      return arg === undefined ? now.toISO({ suppressMilliseconds: true }) : null;
    case "next_id": {
      const type = arg?.trim().toUpperCase() as IdType | undefined;
      return (type && vars.ids?.[type]) ?? null;
    }
    case "title":
    case "model":
    case "session":
      return arg === undefined ? (vars[name] ?? vars.values?.[name] ?? null) : null;
    default:
      return arg === undefined ? (vars.values?.[name] ?? null) : null;
  }
}

/** Calls `replace` for every variable outside `%%` comments; a null result leaves the text as written. */
function forEachVariable(
  text: string,
  replace: (name: string, arg: string | undefined, raw: string) => string | null,
): string {
  const comments = findComments(text);
  let out = "";
  let at = 0;
  const segments = [...comments, { start: text.length, end: text.length }];
  for (const c of segments) {
    out += text
      .slice(at, c.start)
      .replace(VARIABLE, (raw: string, name: string, arg: string | undefined) => replace(name, arg, raw) ?? raw);
    out += text.slice(c.start, c.end);
    at = c.end;
  }
  return out;
}
