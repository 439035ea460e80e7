// Every content hash decp computes, by purpose. Fingerprints are stored in users' vaults (the template
// install record, generated notes' `fingerprint:` key) to tell decp's text from a user's edit, so their
// algorithms never change. The cache key only keys the token cache: it is built for speed.

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const FNV64_MASK = 0xffffffffffffffffn;

/** FNV-1a, 64 bit, over UTF-8 (16 hex digits): what the template install record keeps per installed file. */
export function fingerprint(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(text)) hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & FNV64_MASK;
  return hash.toString(16).padStart(16, "0");
}

/** FNV-1a, 32 bit, over UTF-16 code units (8 hex digits): generated notes' `fingerprint:`, stable demo ids, long names' suffix. */
export function shortFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, "0");
}

/**
 * The token cache's key for a text: cyrb53 over UTF-16 code units plus the length. Fast on megabytes
 * of notes, not cryptographic; keying on the length as well makes a collision harmless in practice.
 */
export function cacheKey(text: string): string {
  return new KeyHasher().text(text).digest();
}

function cyrb53Key(h1: number, h2: number, length: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${value.toString(16).padStart(14, "0")}-${length.toString(16)}`;
}

const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);

/**
 * The cacheKey hash fed piece by piece, texts and numbers (each number as its 64 bits), so a key over
 * thousands of paths and stats (the vault index's stamps) builds no joined text.
 */
export class KeyHasher {
  private h1 = 0xdeadbeef;
  private h2 = 0x41c6ce57;
  private length = 0;

  text(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    this.length += text.length;
    return this;
  }

  number(value: number): this {
    float[0] = value;
    this.mix(words[0]);
    this.mix(words[1]);
    this.length += 8;
    return this;
  }

  digest(): string {
    return cyrb53Key(this.h1, this.h2, this.length);
  }

  private mix(unit: number): void {
    this.h1 = Math.imul(this.h1 ^ unit, 2654435761);
    this.h2 = Math.imul(this.h2 ^ unit, 1597334677);
  }
}
