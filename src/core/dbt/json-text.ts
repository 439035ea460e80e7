// JSON.parse with an error that says where: line and column of the first syntax error. The locating
// scan runs only after JSON.parse has failed, so valid manifests pay nothing for it.

import { UserError } from "../errors";

export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const { offset, problem } = locateJsonError(text);
    const before = text.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    throw new UserError(
      `Not valid JSON: ${problem}`,
      { file, line, column },
      "Fix the file, or regenerate it with `dbt parse`",
    );
  }
}

/**
 * Offset of the first syntax error and what was expected there. Iterative, with its own stack of open
 * containers: a truncated manifest nested 200,000 levels deep must get this answer, not a RangeError.
 */
export function locateJsonError(text: string): { offset: number; problem: string } {
  let i = 0;
  const open: ("{" | "[")[] = [];
  const fail = (problem: string): never => {
    throw new JsonSyntaxError(i, problem);
  };
  const ws = (): void => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const literal = (word: string): void => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe(text[i])}`);
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character inside a string");
      i++;
    }
    if (i >= text.length) fail("unterminated string");
    i++;
  };
  /** Reads a scalar, or opens a container; true when a whole value was read. */
  const valueStart = (): boolean => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      open.push(c);
      i++;
      return false;
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c !== undefined && /[-0-9]/.test(c)) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail("malformed number");
      i += m![0].length;
    } else fail(`unexpected ${describe(c)}`);
    return true;
  };
  const key = (): void => {
    ws();
    if (text[i] !== '"') fail(`expected a property name, found ${describe(text[i])}`);
    string();
    ws();
    if (text[i] !== ":") fail(`expected ':', found ${describe(text[i])}`);
    i++;
  };
  try {
    let complete = valueStart();
    while (open.length > 0) {
      const top = open[open.length - 1];
      ws();
      if (!complete) {
        // Just opened: an empty container, or its first entry.
        if (text[i] === (top === "{" ? "}" : "]")) {
          i++;
          open.pop();
          complete = true;
          continue;
        }
        if (top === "{") key();
        complete = valueStart();
        continue;
      }
      if (text[i] === ",") {
        i++;
        if (top === "{") key();
        complete = valueStart();
      } else if (text[i] === (top === "{" ? "}" : "]")) {
        i++;
        open.pop();
      } else fail(`expected ',' or '${top === "{" ? "}" : "]"}', found ${describe(text[i])}`);
    }
    ws();
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the end of the document`);
    return { offset: text.length, problem: "unexpected end of input" };
  } catch (located) {
    if (located instanceof JsonSyntaxError) return { offset: located.offset, problem: located.problem };
    throw located;
  }
}

class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

function describe(c: string | undefined): string {
  return c === undefined ? "end of input" : JSON.stringify(c);
}
