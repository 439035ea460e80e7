// The one place YAML frontmatter is parsed and written: gray-matter splits the note, the yaml package
// (YAML 1.2 core schema) reads it, so timestamps and dates stay strings exactly as the user typed them.

import matter from "gray-matter";
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from "yaml";
import { UserError } from "./errors";
import { fastYaml } from "./yaml-fast";
import { fastReadYaml } from "./yaml-fast-read";

export type Frontmatter = Record<string, unknown>;

export interface ParsedNote {
  frontmatter: Frontmatter;
  body: string;
  /** True when the note starts with a `---` block. */
  hasFrontmatter: boolean;
}

const engines = {
  yaml: {
    // The frontmatter decp writes (every model note) takes the fast reader; the rest goes to yaml.
    parse: (text: string): object =>
      fastReadYaml(text) ?? (parseYaml(text, { schema: "core", uniqueKeys: true }) as object | null) ?? {},
    stringify: (data: object): string => dumpYaml(data as Frontmatter),
  },
};

export function dumpYaml(data: Frontmatter): string {
  return (
    fastYaml(data) ??
    stringifyYaml(data, {
      schema: "core",
      lineWidth: 0,
      defaultStringType: "PLAIN",
      defaultKeyType: "PLAIN",
      aliasDuplicateObjects: false,
    })
  );
}

/**
 * Splits a note into frontmatter and body. Broken YAML raises a UserError naming the file and the
 * line in the note.
 */
export function parseNote(text: string, file?: string): ParsedNote {
  const hasFrontmatter = /^---\r?\n/.test(text);
  if (!hasFrontmatter) return { frontmatter: {}, body: text, hasFrontmatter };
  try {
    // Passing options also turns off gray-matter's unbounded cache keyed by note text.
    const parsed = matter(text, { engines });
    const data = parsed.data as unknown;
    if (data === null || typeof data !== "object" || Array.isArray(data)) {
      throw new UserError(
        "Frontmatter is not a list of key: value pairs",
        { file, line: 2 },
        "Fix the YAML between the --- lines",
      );
    }
    return { frontmatter: data as Frontmatter, body: parsed.content, hasFrontmatter };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const position = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    const reason = (error as Error).message.split("\n")[0];
    throw new UserError(
      `Malformed frontmatter: ${reason}`,
      // gray-matter hands yaml the text from the newline after the opening ---, so its line numbers are the note's.
      { file, line: position?.line, column: position?.col },
      "Fix the YAML between the --- lines",
    );
  }
}

/** Writes frontmatter and body back into one note; no block when the frontmatter is empty. */
export function stringifyNote(frontmatter: Frontmatter, body: string): string {
  if (Object.keys(frontmatter).length === 0) return body;
  return `---\n${dumpYaml(frontmatter)}---\n${body}`;
}

/**
 * Parses a whole YAML document (dbt_project.yml, schema files) with the same schema as frontmatter;
 * broken YAML raises a UserError with the file, line and column.
 */
export function parseYamlDocument(text: string, file?: string): unknown {
  try {
    return parseYaml(text, { schema: "core", uniqueKeys: false }) as unknown;
  } catch (error) {
    const position = error instanceof YAMLParseError ? error.linePos?.[0] : undefined;
    throw new UserError(
      `Malformed YAML: ${(error as Error).message.split("\n")[0]}`,
      { file, line: position?.line, column: position?.col },
      "Fix the YAML file",
    );
  }
}

/** The text edit behind every processFrontMatter: parse, let `edit` mutate the data, write back with the body untouched. */
export function editFrontmatter(text: string, edit: (frontmatter: Frontmatter) => void, file?: string): string {
  const note = parseNote(text, file);
  edit(note.frontmatter);
  return stringifyNote(note.frontmatter, note.body);
}
