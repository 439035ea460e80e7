// Key-wise edits of an agent's JSON config (.mcp.json, .vscode/mcp.json, .claude/settings.json): decp
// sets only its own keys, through jsonc-parser's edits, so the user's other keys, their order, their
// formatting and (in VS Code's JSONC files) their comments stay as they were. A file that does not parse
// is a UserError with the line: decp never replaces a file it cannot read.

import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from "jsonc-parser";
import { UserError } from "../errors";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split("\n").length;
}

/** The parsed root object of an existing config ({} for a missing or empty file). */
export function readJsonConfig(existing: string | undefined, file: string): Record<string, Json> {
  if (existing === undefined || existing.trim() === "") return {};
  const errors: ParseError[] = [];
  const root = parse(existing, errors, { allowTrailingComma: true, disallowComments: false }) as Json;
  if (errors.length > 0) {
    const first = errors[0];
    throw new UserError(
      `Not valid JSON (${printParseErrorCode(first.error)})`,
      { file, line: lineOf(existing, first.offset) },
      "Fix the file (or move it away) and run again; nothing was written",
    );
  }
  if (root === null || typeof root !== "object" || Array.isArray(root)) {
    throw new UserError("The file's top level is not a JSON object", { file, line: 1 }, "Fix the file and run again");
  }
  return root;
}

/** Structural equality of two JSON values; key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const bo = b as Record<string, unknown>;
  return ka.length === kb.length && ka.every((k) => k in bo && sameJson((a as Record<string, unknown>)[k], bo[k]));
}

/** Follows the file's own indentation, so an edit looks like the rest of it. */
function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

function valueAt(root: Record<string, Json>, path: string[]): Json | undefined {
  let value: Json | undefined = root;
  for (const key of path) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** The config with `value` at `path`; the text itself when it already holds an equal value there. */
export function setJsonValue(existing: string | undefined, path: string[], value: unknown, file: string): string {
  const root = readJsonConfig(existing, file);
  const current = valueAt(root, path);
  if (existing !== undefined && sameJson(current, value)) return existing;
  for (let depth = 1; depth < path.length; depth++) {
    const parent = valueAt(root, path.slice(0, depth));
    if (parent !== undefined && (parent === null || typeof parent !== "object" || Array.isArray(parent))) {
      throw new UserError(
        `"${path.slice(0, depth).join(".")}" is not a JSON object`,
        { file },
        "Fix the file and run again; nothing was written",
      );
    }
  }
  const text = existing === undefined || existing.trim() === "" ? "{}\n" : existing;
  const edited = applyEdits(text, modify(text, path, value, { formattingOptions: formattingOf(text) }));
  return edited.endsWith("\n") ? edited : edited + "\n";
}

/**
 * The config with decp's hook group for `event` under `hooks`: groups the user wrote stay, in their
 * order; decp's own hooks (found by `isOurs`, wherever they are) are replaced by `group`, appended. A
 * settings file whose only decp hook already sits in a group equal to `group` is returned as it is.
 */
export function upsertHookGroup(
  existing: string | undefined,
  event: string,
  group: { matcher?: string; hooks: { command: string }[] },
  isOurs: (command: string) => boolean,
  file: string,
): string {
  const root = readJsonConfig(existing, file);
  const current = valueAt(root, ["hooks", event]);
  if (current !== undefined && !Array.isArray(current)) {
    throw new UserError(`"hooks.${event}" is not a list`, { file }, "Fix the file and run again; nothing was written");
  }
  const commandOf = (hook: Json): string =>
    hook !== null && typeof hook === "object" && !Array.isArray(hook) && typeof hook.command === "string"
      ? hook.command
      : "";
  const hooksOf = (g: Json): Json[] =>
    g !== null && typeof g === "object" && !Array.isArray(g) && Array.isArray(g.hooks) ? g.hooks : [];
  const groups = current ?? [];
  const ours = groups.filter((g) => hooksOf(g).some((h) => isOurs(commandOf(h))));
  const oursCount = groups.reduce<number>((n, g) => n + hooksOf(g).filter((h) => isOurs(commandOf(h))).length, 0);
  if (existing !== undefined && oursCount === 1 && ours.length === 1 && sameJson(ours[0], group)) return existing;
  const kept = groups.flatMap((g): Json[] => {
    const hooks = hooksOf(g);
    const others = hooks.filter((h) => !isOurs(commandOf(h)));
    if (others.length === hooks.length) return [g];
    return others.length === 0 ? [] : [{ ...(g as Record<string, Json>), hooks: others }];
  });
  return setJsonValue(existing, ["hooks", event], [...kept, group], file);
}
