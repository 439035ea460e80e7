// Requests over 10 MB get an error reply instead of closing the transport (the SDK's stdio reader
// gives up on the whole connection when its buffer passes 10 MB). Lines are passed through whole up
// to the limit; a longer one is dropped as it streams in, keeping only what finds its JSON-RPC id.

import { Transform, type TransformCallback } from "node:stream";

export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export type RequestId = string | number | null;

/** Stdin as the transport should read it: every line within `limit` bytes, oversized ones reported. */
export class RequestSizeGuard extends Transform {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping: { scanner: TopLevelIdScanner; bytes: number } | null = null;

  constructor(
    private readonly onOversize: (id: RequestId, bytes: number) => void,
    private readonly limit = MAX_REQUEST_BYTES,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      const piece = chunk.subarray(start, end);
      if (this.dropping === null && this.pendingBytes + piece.length > this.limit) {
        // Past the limit: from here on the line is only scanned for its id, never kept.
        const scanner = new TopLevelIdScanner();
        for (const part of this.pending) scanner.feed(part);
        this.dropping = { scanner, bytes: this.pendingBytes };
        this.pending = [];
        this.pendingBytes = 0;
      }
      if (this.dropping) {
        this.dropping.scanner.feed(piece);
        this.dropping.bytes += piece.length;
        if (newline >= 0) {
          this.onOversize(this.dropping.scanner.id ?? null, this.dropping.bytes);
          this.dropping = null;
        }
      } else if (newline >= 0) {
        this.push(Buffer.concat([...this.pending, chunk.subarray(start, newline + 1)]));
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        this.pending.push(Buffer.from(piece));
        this.pendingBytes += piece.length;
      }
      start = end + 1;
    }
    done();
  }
}

/**
 * Finds the top-level "id" of a JSON object streamed in pieces, holding only a few bytes: a depth
 * counter, string state, the current key and the id's text. JSON-RPC ids are strings or numbers.
 */
export class TopLevelIdScanner {
  id: string | number | undefined;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private key: string | null = null;
  private lastKey = "";
  private idText: string | null = null;
  private idBytes: number[] = [];

  feed(bytes: Uint8Array): void {
    if (this.id !== undefined) return;
    for (const byte of bytes) {
      const c = String.fromCharCode(byte);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === "\\") this.escaped = true;
        else if (c === '"') {
          this.inString = false;
          if (this.key !== null) [this.lastKey, this.key] = [this.key, null];
          else if (this.idText !== null) this.idText += `${Buffer.from(this.idBytes).toString("utf8")}"`;
          continue;
        }
        if (this.key !== null && this.key.length < 16) this.key += c;
        else if (this.idText !== null && this.idBytes.length < 256) this.idBytes.push(byte);
        continue;
      }
      if (c === '"') {
        this.inString = true;
        if (this.depth === 1 && this.expectKey) {
          this.key = "";
          this.expectKey = false;
        } else if (this.idText !== null) {
          this.idText += c;
          this.idBytes = [];
        }
      } else if (c === "{" || c === "[") {
        this.depth++;
        if (this.depth === 1) this.expectKey = c === "{";
      } else if (c === "}" || c === "]") {
        if (this.depth === 1) this.finishId();
        this.depth--;
      } else if (c === ":" && this.depth === 1) {
        if (this.lastKey === "id") this.idText = "";
      } else if (c === "," && this.depth === 1) {
        this.finishId();
        this.expectKey = true;
      } else if (this.idText !== null && c.trim() !== "") this.idText += c;
      if (this.id !== undefined) return;
    }
  }

  private finishId(): void {
    if (this.idText === null) return;
    try {
      const value = JSON.parse(this.idText) as unknown;
      if (typeof value === "string" || typeof value === "number") this.id = value;
    } catch {
      // Not an id JSON-RPC allows; the reply goes out with a null id.
    }
    this.idText = null;
  }
}
