// Ports for the outside world besides files: time, secrets, HTTP. Tests inject fixed ones.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at.getTime()) };
}

export interface SecretsPort {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface HttpRequest {
  url: string;
  method: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** HTTP port: requestUrl in Obsidian, node's fetch in the CLI. Never throws on HTTP status codes. */
export interface HttpPort {
  request(req: HttpRequest): Promise<HttpResponse>;
}
