// A fast writer for the frontmatter decp itself writes (model notes: plain words, wikilinks, small
// integers, booleans, nested maps and lists of scalars): byte-identical to the yaml package with the
// options dumpYaml uses, and about ten times faster over 5,000 notes. Anything outside that subset
// returns null and goes to the yaml package; a property test holds the two outputs equal.

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,/()-]*$/;
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const WIKILINK = /^\[\[[A-Za-z0-9_ .-]+\]\]$/;
// Words a YAML 1.1 reader would take for a boolean or null: the yaml package quotes them, so leave them to it.
const RESERVED = /^(y|yes|n|no|on|off|true|false|null)$/i;

// The yaml package's own test for a string that cannot be written plain (stringifyString.js).
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
// One line of printable ASCII, no backslash, not a document marker: quoting it is only adding the quotes.
const QUOTABLE = /^(?!---|\.\.\.)[\x20-\x5b\x5d-\x7e]+$/;

function scalar(value: unknown): string | null {
  if (typeof value === "string") {
    if (WIKILINK.test(value)) return `"${value}"`;
    if (
      PLAIN.test(value) &&
      !RESERVED.test(value) &&
      !value.endsWith(" ") &&
      !value.includes("  ") &&
      !/ [-#]/.test(value) &&
      value.length <= 200
    )
      return value;
    // What yaml must quote (descriptions with a colon): double quotes, single when the text holds a double one.
    if (NOT_PLAIN.test(value) && QUOTABLE.test(value)) {
      if (!value.includes('"')) return `"${value}"`;
      if (!value.includes("'")) return `'${value}'`;
    }
    return null;
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
