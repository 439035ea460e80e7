// Python's fnmatch, which dbt's selector methods use: `*` matches anything (dots and slashes too),
// `?` one character, `[seq]` / `[!seq]` a class; case-sensitive as on POSIX.

const cache = new Map<string, RegExp>();

export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

export function fnmatch(name: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return name === pattern;
  let regex = cache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${translate(pattern)}$`, "s");
    cache.set(pattern, regex);
  }
  return regex.test(name);
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

/** Glob for paths (dbt's `path:` method globs the file system): `*` stays within a segment, `**` spans. */
/** Path segments (split at "/") against pattern segments; callers split the pattern once for every node. */
export function globMatchesSegments(names: string[], parts: string[]): boolean {
  return matchSegments(names, 0, parts, 0);
}

function matchSegments(names: string[], n: number, parts: string[], p: number): boolean {
  if (p === parts.length) return n === names.length;
  if (parts[p] === "**") {
    for (let k = n; k <= names.length; k++) if (matchSegments(names, k, parts, p + 1)) return true;
    return false;
  }
  if (n === names.length) return false;
  return fnmatch(names[n], parts[p]) && matchSegments(names, n + 1, parts, p + 1);
}
