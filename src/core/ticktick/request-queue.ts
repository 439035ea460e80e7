// One paced queue for every TickTick request: requests run one at a time, at least `minIntervalMs`
// apart, and a rate-limit answer (429, or TickTick's 500 {"errorCode":"exceed_query_limit"}) backs
// off exponentially (honouring Retry-After). Clock and sleep are injected so tests never wait.

import type { Clock, HttpResponse } from "../ports";

export interface PacingOptions {
  minIntervalMs: number;
  /** Rate-limit retries before giving up on a request. */
  maxRetries: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  sleep: (ms: number) => Promise<void>;
  clock: Clock;
}

export const DEFAULT_PACING: Omit<PacingOptions, "sleep" | "clock"> = {
  minIntervalMs: 300,
  maxRetries: 5,
  baseBackoffMs: 2000,
  maxBackoffMs: 60000,
};

/** TickTick signals rate limiting two ways; both mean "not applied, try later". */
export function isRateLimited(response: HttpResponse): boolean {
  if (response.status === 429) return true;
  return response.status === 500 && /exceed_query_limit/.test(response.text);
}

export class RequestQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private lastStart = -Infinity;
  /** Every wait the queue asked for, for reports and tests. */
  readonly waits: number[] = [];

  constructor(private readonly options: PacingOptions) {}

  /** Runs `send` in turn, pacing it and retrying it while the answer is a rate limit. */
  run(send: () => Promise<HttpResponse>): Promise<HttpResponse> {
    const next = this.tail.then(() => this.sendPaced(send));
    this.tail = next.catch(() => undefined);
    return next;
  }

  private async sendPaced(send: () => Promise<HttpResponse>): Promise<HttpResponse> {
    for (let attempt = 0; ; attempt++) {
      await this.pace();
      const response = await send();
      if (!isRateLimited(response) || attempt >= this.options.maxRetries) return response;
      await this.wait(this.backoff(attempt, response));
    }
  }

  /** Waits for the backoff after a failed send (used by the client for retries of safe requests). */
  async backoffAfter(attempt: number): Promise<void> {
    await this.wait(this.backoff(attempt));
  }

  private backoff(attempt: number, response?: HttpResponse): number {
    const retryAfter = Number(response?.headers["retry-after"]);
    if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, this.options.maxBackoffMs);
    return Math.min(this.options.baseBackoffMs * 2 ** attempt, this.options.maxBackoffMs);
  }

  private async pace(): Promise<void> {
    const now = this.options.clock.now().getTime();
    const due = this.lastStart + this.options.minIntervalMs;
    if (now < due) await this.wait(due - now);
    this.lastStart = Math.max(now, due);
  }

  private async wait(ms: number): Promise<void> {
    if (ms <= 0) return;
    this.waits.push(ms);
    await this.options.sleep(ms);
  }
}
