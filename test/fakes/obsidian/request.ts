// requestUrl over real node http/https, so plugin code can talk to a local test server. Follows
// Obsidian: `throw` defaults to true (status >= 400 rejects), headers come back lowercase.

import * as http from "node:http";
import * as https from "node:https";

export interface RequestUrlParam {
  url: string;
  method?: string;
  contentType?: string;
  body?: string | ArrayBuffer;
  headers?: Record<string, string>;
  throw?: boolean;
}

export interface RequestUrlResponse {
  status: number;
  headers: Record<string, string>;
  arrayBuffer: ArrayBuffer;
  json: unknown;
  text: string;
}

export type RequestUrlResponsePromise = Promise<RequestUrlResponse> & {
  arrayBuffer: Promise<ArrayBuffer>;
  json: Promise<unknown>;
  text: Promise<string>;
};

/** Every request made, for tests that assert what was sent (the URL as the plugin asked for it). */
export const sentRequests: RequestUrlParam[] = [];

/**
 * Test helper, like a hosts-file entry: requests to an origin (https://api.ticktick.com) are served by
 * another (the local TickTick test server), so the plugin can keep to the official host.
 */
export const routedOrigins = new Map<string, string>();

function routed(url: string): URL {
  const target = new URL(url);
  const to = routedOrigins.get(target.origin);
  return to === undefined ? target : new URL(target.pathname + target.search, to);
}

export class RequestUrlError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly text: string,
  ) {
    super(`Request failed, status ${status}`);
  }
  get json(): unknown {
    return JSON.parse(this.text) as unknown;
  }
}

function send(param: RequestUrlParam): Promise<RequestUrlResponse> {
  return new Promise((resolve, reject) => {
    const url = routed(param.url);
    const client = url.protocol === "https:" ? https : http;
    const headers: Record<string, string> = { ...(param.headers ?? {}) };
    if (param.contentType) headers["Content-Type"] = param.contentType;
    const body =
      param.body === undefined
        ? undefined
        : typeof param.body === "string"
          ? Buffer.from(param.body)
          : Buffer.from(param.body);
    if (body) headers["Content-Length"] = String(body.byteLength);
    const req = client.request(url, { method: param.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString("utf8");
        const status = res.statusCode ?? 0;
        const responseHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) responseHeaders[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
        if (status >= 400 && param.throw !== false) {
          reject(new RequestUrlError(status, responseHeaders, text));
          return;
        }
        resolve({
          status,
          headers: responseHeaders,
          text,
          arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
          get json(): unknown {
            return JSON.parse(text) as unknown;
          },
        });
      });
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

export function requestUrl(request: RequestUrlParam | string): RequestUrlResponsePromise {
  const param = typeof request === "string" ? { url: request } : request;
  sentRequests.push(param);
  const promise = send(param) as RequestUrlResponsePromise;
  promise.arrayBuffer = promise.then((r) => r.arrayBuffer);
  promise.json = promise.then((r) => r.json);
  promise.text = promise.then((r) => r.text);
  // The derived promises must not raise unhandled rejections when a caller only awaits the main one.
  for (const derived of [promise.arrayBuffer, promise.json, promise.text]) derived.catch(() => undefined);
  return promise;
}
