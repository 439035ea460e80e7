// Python's fnmatch, which dbt's selector methods use: `*` matches anything (dots and slashes too),
// `?` one character, `[seq]` / `[!seq]` a class; case-sensitive as on POSIX.

const cache = new Map<string, RegExp>();

export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

export function fnmatch(name: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return name === pattern;
  return compiled(pattern).test(name);
}

/** fnmatch against one pattern, decided once: an equality test when there is no wildcard. */
export function fnmatcher(pattern: string): (name: string) => boolean {
  if (!hasWildcard(pattern)) return (name) => name === pattern;
  const regex = compiled(pattern);
  return (name) => regex.test(name);
}

function compiled(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${translate(pattern)}$`, "s");
    cache.set(pattern, regex);
  }
  return regex;
}

function translate(pattern: string): string {
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") out += ".*";
    else if (c === "?") out += ".";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) {
        out += "\\[";
        continue;
      }
      let body = pattern.slice(i + 1, close).replace(/\\/g, "\\\\");
      if (body.startsWith("!")) body = "^" + body.slice(1);
      else if (body.startsWith("^")) body = "\\" + body;
      out += `[${body}]`;
      i = close;
    } else out += c.replace(/[.+^${}()|\\/\]]/g, "\\$&");
  }
  return out;
}

/**
 * Glob for paths (dbt's `path:` method globs the file system): `*` stays within a segment, `**` spans.
 * Compiled once per pattern (split at "/"); the test takes path segments and how many of them to match.
 */
export function segmentGlob(parts: string[]): (names: string[], length?: number) => boolean {
  const matchers = parts.map((part) => (part === "**" ? undefined : fnmatcher(part)));
  const match = (names: string[], end: number, n: number, p: number): boolean => {
    if (p === matchers.length) return n === end;
    const one = matchers[p];
    if (one === undefined) {
      for (let k = n; k <= end; k++) if (match(names, end, k, p + 1)) return true;
      return false;
    }
    return n < end && one(names[n]) && match(names, end, n + 1, p + 1);
  };
  return (names, length = names.length) => match(names, length, 0, 0);
}
