// HttpPort over Obsidian's requestUrl (never fetch in the plugin): every status is answered,
// and a request that outlives its timeout rejects, so the sync treats it as an unknown outcome.

import { requestUrl } from "obsidian";
import type { HttpPort, HttpRequest, HttpResponse } from "../../core/ports";

export const obsidianHttp: HttpPort = {
  async request(req: HttpRequest): Promise<HttpResponse> {
    const call = requestUrl({
      url: req.url,
      method: req.method,
      headers: req.headers,
      body: req.body,
      throw: false,
    }).then((response) => ({
      status: response.status,
      headers: Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      text: response.text,
    }));
    if (!req.timeoutMs) return call;
    let timer: number | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = window.setTimeout(() => reject(new Error(`No answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    });
    try {
      return await Promise.race([call, timeout]);
    } finally {
      window.clearTimeout(timer);
    }
  },
};
