// HttpPort over Node's fetch for the CLI, the MCP server and tests: answers every HTTP status,
// throws only when no answer arrived (network error or timeout).

import type { HttpPort, HttpRequest, HttpResponse } from "../core/ports";

export const nodeHttp: HttpPort = {
  async request(req: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = req.timeoutMs ? setTimeout(() => controller.abort(), req.timeoutMs) : undefined;
    try {
      const response = await fetch(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
      });
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
      return { status: response.status, headers, text };
    } finally {
      if (timer) clearTimeout(timer);
    }
  },
};
