// File and folder names made from untrusted text (dbt names and paths, agent titles, model names):
// the one place that knows what the vault's file systems and Obsidian's wikilinks accept. A name is
// cleaned, kept visible (no leading dot), legal on Windows, and cut to a byte length that leaves room
// for suffixes, with a stable hash of the original so two long names never meet.

import { shortFingerprint } from "./content-hash";
import { UserError } from "./errors";

/** Longest name part we make, in UTF-8 bytes: ext4/APFS allow 255, eCryptfs 143; " 12.md" and the rest fit. */
export const MAX_NAME_BYTES = 120;
/** What every file system here accepts for one path segment. */
const MAX_SEGMENT_BYTES = 255;

// Illegal in file names on some OS (\ / : * ? " < > |) or breaking wikilinks (# ^ [ ] |).
const FORBIDDEN = /[\\/:*?"<>|#^[\]]/g;
// Control characters (C0, DEL, C1), bidirectional overrides and isolates (U+202E shows a name
// backwards), zero-width characters and the BOM: never useful in a name, and misleading on screen.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Windows device names, also with an extension (`aux.orders.md`).
const RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[1-9¹²³]|lpt[1-9¹²³])(?=\.|$)/i;

/** UTF-8 length (counted by hand: TextEncoder is missing in some of the plugin's hosts). */
export function byteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Text without control, bidi and zero-width characters; each becomes `replacement`. */
export function withoutInvisibles(text: string, replacement = " "): string {
  return text.replace(INVISIBLE, replacement);
}

/** Text without invisible characters and without the characters names and wikilinks cannot hold. */
export function nameText(text: string, replacement: string): string {
  return withoutInvisibles(text, replacement).replace(FORBIDDEN, replacement);
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes, never splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = "";
  let bytes = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}

export interface SafeNameOptions {
  /** What a forbidden character becomes ("_" keeps dbt names recognisable, " " reads better in titles). */
  replacement?: string;
  /** Used when nothing is left. */
  fallback?: string;
  maxBytes?: number;
}

/**
 * A file or folder name made from `raw`: forbidden and invisible characters replaced, no leading dot
 * (hidden folders are not indexed), no trailing dot or space (Windows drops them), Windows device
 * names suffixed, and cut to `maxBytes` with " " + 8 hex digits of a hash of `raw` when longer.
 */
export function safeName(raw: string, options: SafeNameOptions = {}): string {
  const replacement = options.replacement ?? "_";
  const maxBytes = options.maxBytes ?? MAX_NAME_BYTES;
  let name = nameText(raw, replacement).trim();
  if (replacement === " ") name = name.replace(/\s+/g, " ");
  name = name.replace(/^\.+/, "_").replace(/[.\s]+$/, "");
  name = name.replace(RESERVED, "$1_");
  if (name === "") name = options.fallback ?? "_";
  if (byteLength(name) <= maxBytes) return name;
  const suffix = ` ${shortFingerprint(raw)}`;
  return cutToBytes(name, maxBytes - suffix.length).replace(/[.\s]+$/, "") + suffix;
}

/**
 * Refuses a vault path no file system here can hold: a segment over 255 bytes, or a Windows device
 * name. Plans call it for every write, so such a path fails before anything is written.
 */
export function checkWritablePath(path: string): void {
  for (const segment of path.split("/")) {
    if (byteLength(segment) > MAX_SEGMENT_BYTES)
      throw new UserError(
        `The name "${cutToBytes(segment, 60)}…" is ${byteLength(segment)} bytes long; file systems allow ${MAX_SEGMENT_BYTES}`,
        { file: path },
        "Nothing was written; shorten the name",
      );
    if (RESERVED.test(segment))
      throw new UserError(
        `"${segment}" is a device name on Windows and cannot be a file or folder`,
        { file: path },
        "Nothing was written; rename it",
      );
  }
}
