// The project's own macros without a manifest (`--project`): the `{% macro %}` blocks of the
// macro-paths files, and which of them a model calls. A manifest records the calls in
// depends_on.macros; here a call `name(` inside a Jinja block is the evidence.

import type { MacroInfo } from "./project";

const MACRO_BLOCK = /\{%-?\s*macro\s+(\w+)\s*\(([^)]*)\)\s*-?%\}[\s\S]*?\{%-?\s*endmacro\s*-?%\}/g;
const JINJA = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;

/** `{% macro cents_to_dollars(column_name, scale=2) %}` -> ["column_name", "scale"]. */
export function macroArguments(sql: string): string[] {
  const head = /\{%-?\s*macro\s+\w+\s*\(([^)]*)\)/.exec(sql);
  return head ? argumentNames(head[1]) : [];
}

function argumentNames(list: string): string[] {
  return list
    .split(",")
    .map((a) => a.split("=")[0].trim())
    .filter(Boolean);
}

export function readMacroFile(file: string, text: string, project: string): MacroInfo[] {
  const macros: MacroInfo[] = [];
  for (const block of text.matchAll(MACRO_BLOCK)) {
    const args = argumentNames(block[2]);
    macros.push({
      uniqueId: `macro.${project}.${block[1]}`,
      name: block[1],
      packageName: project,
      path: file,
      description: "",
      arguments: args,
      sql: block[0],
      macros: [],
      notePath: "",
    });
  }
  return macros;
}

/** The Jinja of a model or macro, without the `{% macro name(...) %}` line that names the macro itself. */
function jinjaOf(sql: string): string {
  return (sql.match(JINJA) ?? []).filter((block) => !/^\{%-?\s*macro\s/.test(block)).join("\n");
}

/** A finder of the macros some SQL calls: unique ids, in the order of `macros`. One pattern for all of them. */
export function macroCallFinder(macros: MacroInfo[]): (sql: string) => string[] {
  if (macros.length === 0) return () => [];
  const byName = new Map(macros.map((m) => [m.name, m]));
  const call = new RegExp(`(?<![\\w.])(${[...byName.keys()].join("|")})\\s*\\(`, "g");
  return (sql) => {
    const called = new Set<string>();
    for (const m of jinjaOf(sql).matchAll(call)) called.add(m[1]);
    return macros.filter((m) => called.has(m.name)).map((m) => m.uniqueId);
  };
}

/**
 * Fills each macro's calls to other project macros. A macro that dispatches (`adapter.dispatch('x')`)
 * also depends on its implementations (`default__x`, `postgres__x`, ...), as dbt records them.
 */
export function linkMacroCalls(macros: MacroInfo[]): void {
  const called = macroCallFinder(macros);
  for (const macro of macros) {
    const calls = new Set(called(macro.sql));
    if (/adapter\.dispatch\s*\(/.test(macro.sql))
      for (const m of macros) if (m.name.endsWith(`__${macro.name}`)) calls.add(m.uniqueId);
    calls.delete(macro.uniqueId);
    macro.macros = [...calls];
  }
}
