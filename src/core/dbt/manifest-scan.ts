// A structural scan of manifest.json's bytes: where each top-level value and each entry of an object
// value begins and ends, without building the JSON tree (a 20,000-model manifest is 115 MB of text,
// and its whole tree more than twice that). Entries are parsed one at a time with JSON.parse, which
// validates each; the scan checks what it walks (strings closed, brackets matched) and nothing more.
// Any surprise returns null: the caller then parses the whole text as before, which names the
// file, line and column of a syntax error.

export type Span = readonly [start: number, end: number];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

class ScanError extends Error {}

// Made on first use: modules are loaded where no manifest is ever read (jsdom tests have no TextDecoder).
let decoder: TextDecoder | undefined;
const decode = (bytes: Uint8Array): string => (decoder ??= new TextDecoder()).decode(bytes);

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/** From an opening quote to just past the closing one (a quote after an odd run of backslashes is escaped). */
function skipString(bytes: Uint8Array, i: number): number {
  for (;;) {
    // indexOf is native: most of a manifest's bytes are inside strings (SQL, descriptions).
    const quote = bytes.indexOf(QUOTE, i + 1);
    if (quote < 0) throw new ScanError();
    let before = quote - 1;
    while (bytes[before] === BACKSLASH) before--;
    if ((quote - 1 - before) % 2 === 0) return quote + 1;
    i = quote;
  }
}

/** From the first byte of a value to just past its end; containers are walked with a stack of closers. */
function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === QUOTE) return skipString(bytes, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A scalar: JSON.parse of the entry that holds it checks its spelling.
    while (i < bytes.length) {
      const byte = bytes[i];
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
      i++;
    }
    return i;
  }
  const closers: number[] = [];
  for (; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === QUOTE) i = skipString(bytes, i) - 1;
    else if (byte === OPEN_BRACE) closers.push(CLOSE_BRACE);
    else if (byte === OPEN_BRACKET) closers.push(CLOSE_BRACKET);
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (closers.pop() !== byte) break;
      if (closers.length === 0) return i + 1;
    }
  }
  throw new ScanError();
}

function readKey(bytes: Uint8Array, start: number, end: number): string {
  // Keys with escapes are rare; JSON.parse reads them exactly.
  for (let i = start + 1; i < end - 1; i++)
    if (bytes[i] === BACKSLASH) return JSON.parse(decode(bytes.subarray(start, end))) as string;
  return decode(bytes.subarray(start + 1, end - 1));
}

interface Members {
  spans: Map<string, Span>;
  /** Just past the closing brace. */
  end: number;
}

/**
 * Key -> span of each member of the object starting at `i`, in the order Object.entries would give
 * them (array-index keys first, ascending; a repeated key keeps its first place and its last value,
 * as JSON.parse does). Members named in `deep` have their own members listed in `nested` on the way.
 */
function members(bytes: Uint8Array, i: number, deep?: ReadonlySet<string>, nested?: Map<string, Members>): Members {
  const spans = new Map<string, Span>();
  i = skipSpace(bytes, i);
  if (bytes[i] !== OPEN_BRACE) throw new ScanError();
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return { spans, end: i + 1 };
  for (;;) {
    if (bytes[i] !== QUOTE) throw new ScanError();
    const keyEnd = skipString(bytes, i);
    const key = readKey(bytes, i, keyEnd);
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) throw new ScanError();
    const start = skipSpace(bytes, i + 1);
    let end: number;
    if (deep?.has(key) && bytes[start] === OPEN_BRACE) {
      const inner = members(bytes, start);
      nested!.set(key, inner);
      end = inner.end;
    } else end = skipValue(bytes, start);
    if (end === start) throw new ScanError();
    spans.set(key, [start, end]);
    i = skipSpace(bytes, end);
    if (bytes[i] === CLOSE_BRACE) return { spans: indexKeysFirst(spans), end: i + 1 };
    if (bytes[i] !== COMMA) throw new ScanError();
    i = skipSpace(bytes, i + 1);
  }
}

/** Object.entries lists array-index keys ("0", "17") first, ascending: so must the scan. */
function indexKeysFirst(map: Map<string, Span>): Map<string, Span> {
  const indexes = [...map.keys()].filter((k) => /^(0|[1-9]\d{0,9})$/.test(k) && Number(k) < 4294967295);
  if (indexes.length === 0) return map;
  const out = new Map<string, Span>();
  for (const k of indexes.sort((a, b) => Number(a) - Number(b))) out.set(k, map.get(k)!);
  for (const [k, v] of map) if (!out.has(k)) out.set(k, v);
  return out;
}

export interface ScannedJson {
  bytes: Uint8Array;
  /** Top-level key -> span of its value. */
  top: Map<string, Span>;
  /** Key -> span of each entry of a top-level object value named in `sections` (null: absent or not an object). */
  entries(key: string): Map<string, Span> | null;
  /** JSON.parse of one span; throws a SyntaxError when it is not valid JSON. */
  parse(span: Span): unknown;
}

/**
 * The document's top-level members, and the entries of those named in `sections`, when it is one
 * object followed by nothing but whitespace; null when it is anything else or the scan meets a
 * malformed structure.
 */
export function scanJsonObject(bytes: Uint8Array, sections: ReadonlySet<string> = new Set()): ScannedJson | null {
  const nested = new Map<string, Members>();
  let top: Members;
  try {
    top = members(bytes, 0, sections, nested);
    if (skipSpace(bytes, top.end) !== bytes.length) return null;
  } catch (error) {
    if (error instanceof ScanError || error instanceof SyntaxError) return null;
    throw error;
  }
  return {
    bytes,
    top: top.spans,
    entries: (key) => nested.get(key)?.spans ?? null,
    parse: (span) => JSON.parse(decode(bytes.subarray(span[0], span[1]))) as unknown,
  };
}

/**
 * cyrb53 (as content-hash.ts cacheKey) over bytes, continued across calls: one digest of many spans
 * without joining them. Not cryptographic; the byte count is part of the key.
 */
export class BytesDigest {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  private length = 0;

  add(bytes: Uint8Array, start = 0, end = bytes.length): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = start; i < end; i++) {
      const byte = bytes[i];
      h1 = Math.imul(h1 ^ byte, 2654435761);
      h2 = Math.imul(h2 ^ byte, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.length += end - start;
    return this;
  }

  text(text: string): this {
    return this.add(new TextEncoder().encode(`${text.length}:${text}`));
  }

  hex(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
    return `${value.toString(16).padStart(14, "0")}-${this.length.toString(16)}`;
  }
}
