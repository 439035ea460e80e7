// Python's fnmatch, which dbt's selector methods use: `*` matches anything (dots and slashes too),
// `?` one character, `[seq]` / `[!seq]` a class; case-sensitive as on POSIX. Patterns come from
// users and agents, so matching never builds a regular expression: a glob is cut at its stars into
// fixed-length chunks, each found leftmost in turn, which takes O(name x pattern) time at worst
// (a backtracking regex took 39 s on `fqn:*******x`).

/** One position of a chunk: a literal character or a class, tested against one element. */
type Element<T> = (item: T) => boolean;

/** A pattern cut at its stars: chunks[0] is anchored at the start, the last at the end (when starred). */
interface Glob<T> {
  chunks: Element<T>[][];
  starred: boolean;
}

export function hasWildcard(pattern: string): boolean {
  return /[*?[\]]/.test(pattern);
}

export function fnmatch(name: string, pattern: string): boolean {
  return fnmatcher(pattern)(name);
}

const cache = new Map<string, (name: string) => boolean>();
const CACHE_LIMIT = 1000;

/** fnmatch against one pattern, decided once: an equality test when there is no wildcard. */
export function fnmatcher(pattern: string): (name: string) => boolean {
  if (!hasWildcard(pattern)) return (name) => name === pattern;
  let matcher = cache.get(pattern);
  if (!matcher) {
    const glob = compileCharacters(pattern);
    matcher = (name) => matchGlob(glob, [...name]);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, matcher);
  }
  return matcher;
}

/**
 * Glob for paths (dbt's `path:` method globs the file system): `*` stays within a segment, `**` spans.
 * Compiled once per pattern (split at "/"); the test takes path segments and how many of them to match.
 */
export function segmentGlob(parts: string[]): (names: string[], length?: number) => boolean {
  const chunks: Element<string>[][] = [[]];
  for (const part of parts) {
    if (part === "**") chunks.push([]);
    else chunks[chunks.length - 1].push(fnmatcher(part));
  }
  const glob: Glob<string> = { chunks, starred: chunks.length > 1 };
  return (names, length = names.length) => matchGlob(glob, length === names.length ? names : names.slice(0, length));
}

function compileCharacters(pattern: string): Glob<string> {
  const chars = [...pattern];
  const chunks: Element<string>[][] = [[]];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const chunk = chunks[chunks.length - 1];
    if (c === "*") {
      if (chunk.length > 0 || chunks.length === 1) chunks.push([]);
    } else if (c === "?") chunk.push(() => true);
    else if (c === "[") {
      const close = chars.indexOf("]", i + 2);
      if (close < 0) chunk.push((x) => x === "[");
      else {
        chunk.push(characterClass(chars.slice(i + 1, close)));
        i = close;
      }
    } else chunk.push((x) => x === c);
  }
  return { chunks, starred: chunks.length > 1 };
}

/** `[seq]`: characters and a-z ranges; `[!seq]` negates (as Python's fnmatch; `[^` is literal there). */
function characterClass(body: string[]): Element<string> {
  const negated = body[0] === "!";
  const items = negated ? body.slice(1) : body;
  const singles = new Set<string>();
  const ranges: [number, number][] = [];
  for (let i = 0; i < items.length; i++) {
    if (items[i + 1] === "-" && i + 2 < items.length) {
      ranges.push([items[i].codePointAt(0)!, items[i + 2].codePointAt(0)!]);
      i += 2;
    } else singles.add(items[i]);
  }
  return (x) => {
    const code = x.codePointAt(0)!;
    const inside = singles.has(x) || ranges.some(([from, to]) => code >= from && code <= to);
    return inside !== negated;
  };
}

function chunkAt<T>(chunk: Element<T>[], items: T[], at: number): boolean {
  for (let k = 0; k < chunk.length; k++) if (!chunk[k](items[at + k])) return false;
  return true;
}

/**
 * Without stars: same length and every element matches. With stars: the first chunk at the start,
 * the last at the end, and each middle chunk at its leftmost place after the previous one. Leftmost
 * is always safe for glob stars, so nothing is ever retried.
 */
function matchGlob<T>(glob: Glob<T>, items: T[]): boolean {
  const { chunks } = glob;
  if (!glob.starred) return items.length === chunks[0].length && chunkAt(chunks[0], items, 0);
  const first = chunks[0];
  const last = chunks[chunks.length - 1];
  if (first.length + last.length > items.length) return false;
  if (!chunkAt(first, items, 0) || !chunkAt(last, items, items.length - last.length)) return false;
  let at = first.length;
  const end = items.length - last.length;
  for (let c = 1; c < chunks.length - 1; c++) {
    const chunk = chunks[c];
    while (at + chunk.length <= end && !chunkAt(chunk, items, at)) at++;
    if (at + chunk.length > end) return false;
    at += chunk.length;
  }
  return true;
}
