// A fast writer for the frontmatter decp itself writes (model notes: plain words, wikilinks, small
// integers, booleans, nested maps and lists of scalars, descriptions that need double quotes): byte-identical to the yaml package with the
// options dumpYaml uses, and about ten times faster over 5,000 notes. Anything outside that subset
// returns null and goes to the yaml package; a property test holds the two outputs equal.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,/()-]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const WIKILINK = /^\[\[[A-Za-z0-9_ .-]+\]\]$/;
// Words a YAML 1.1 reader would take for a boolean or null: the yaml package quotes them, so leave them to it.
const RESERVED = /^(y|yes|n|no|on|off|true|false|null)$/i;
// One-line text the yaml package must quote (its plainString test: an indicator first, ": ", " #", a
// trailing space or colon), such as a model's description...
const NEEDS_QUOTES = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][\t ]|:[\t ]|[\t ]#|[\t :]$/;
// ...which it double-quotes as JSON.stringify does when the text holds no quote, backslash, control
// character, lone surrogate or line separator (nothing to escape; lineWidth 0 never folds).
const QUOTABLE = /^[\x20\x21\x23-\x5b\x5d-\x7e\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*$/;

function scalar(value: unknown): string | null {
  if (typeof value === "string") {
    if (WIKILINK.test(value)) return `"${value}"`;
    if (NEEDS_QUOTES.test(value) && QUOTABLE.test(value)) return `"${value}"`;
    if (
      !PLAIN.test(value) ||
      RESERVED.test(value) ||
      value.endsWith(" ") ||
      value.includes("  ") ||
      / [-#]/.test(value) ||
      value.length > 200
    )
      return null;
    return value;
  }
  if (typeof value === "number") return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : null;
  if (typeof value === "boolean") return String(value);
  if (value === null) return "null";
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.getPrototypeOf(value) === Object.prototype
  );
}

function writeMap(map: Record<string, unknown>, indent: string, out: string[]): boolean {
  for (const [key, value] of Object.entries(map)) {
    if (!KEY.test(key) || RESERVED.test(key)) return false;
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push(`${indent}${key}: []\n`);
        continue;
      }
      out.push(`${indent}${key}:\n`);
      for (const item of value) {
        const text = scalar(item);
        if (text === null) return false;
        out.push(`${indent}  - ${text}\n`);
      }
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) {
        out.push(`${indent}${key}: {}\n`);
        continue;
      }
      out.push(`${indent}${key}:\n`);
      if (!writeMap(value, indent + "  ", out)) return false;
    } else {
      const text = scalar(value);
      if (text === null) return false;
      out.push(`${indent}${key}: ${text}\n`);
    }
  }
  return true;
}

/** The YAML text for `data`, or null when it holds anything this writer does not cover. */
export function fastYaml(data: Record<string, unknown>): string | null {
  if (Object.keys(data).length === 0) return null;
  const out: string[] = [];
  return writeMap(data, "", out) ? out.join("") : null;
}
