// TickTick Open API client over an injected HttpPort: the same code talks to api.ticktick.com or to
// the local test server. It classifies every failure so the sync engine can decide safely: auth
// (stop, keep the outbox), rate limit (already retried), unknown outcome (the server may have applied it).

import { UserError } from "../errors";
import type { HttpPort, HttpResponse } from "../ports";
import { RequestQueue, isRateLimited } from "./request-queue";
import type { TickTickProject, TickTickTask, TickTickTaskDraft } from "./types";

export const DEFAULT_API_BASE = "https://api.ticktick.com/open/v1";

/** 401: the token expired or was revoked. Nothing is lost; the user reconnects. */
export class TickTickAuthError extends UserError {
  constructor() {
    super(
      "TickTick rejected the access token (401)",
      {},
      'Reconnect TickTick (command "Connect TickTick", or set TICKTICK_TOKEN) and sync again',
    );
  }
}

/** The request was sent but we cannot know whether TickTick applied it (timeout, 5xx, empty create). */
export class UnknownOutcomeError extends Error {
  constructor(
    readonly what: string,
    readonly reason?: unknown,
  ) {
    super(`Outcome of ${what} is unknown`);
  }
}

export class TickTickHttpError extends Error {
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${what} failed with HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ""}`);
  }
}

export interface TickTickClientOptions {
  baseUrl: string;
  token: string;
  http: HttpPort;
  queue: RequestQueue;
  timeoutMs?: number;
  /** Network-error retries for reads (writes are never blindly retried). */
  readRetries?: number;
}

export class TickTickClient {
  readonly baseUrl: string;

  constructor(private readonly options: TickTickClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  listProjects(): Promise<TickTickProject[]> {
    return this.readJson<TickTickProject[]>("/project", "list projects");
  }

  /** Open tasks of a project; `inbox` is accepted for the Inbox, which `/project` leaves out. */
  async projectTasks(projectId: string): Promise<TickTickTask[]> {
    const data = await this.readJson<{ tasks?: TickTickTask[] }>(
      `/project/${encodeURIComponent(projectId)}/data`,
      `read list ${projectId}`,
    );
    return data.tasks ?? [];
  }

  /** The task, or null when TickTick does not know it under that project. */
  async getTask(projectId: string, taskId: string): Promise<TickTickTask | null> {
    const response = await this.send(
      "GET",
      `/project/${encodeURIComponent(projectId)}/task/${encodeURIComponent(taskId)}`,
      undefined,
      true,
    );
    if (response.status === 404 || (response.status === 200 && response.text.trim() === "")) return null;
    return this.json<TickTickTask>(this.expectOk(response, `read task ${taskId}`), `read task ${taskId}`);
  }

  /** Completed tasks of the given projects (POST /task/completed). */
  async completedTasks(projectIds: string[]): Promise<TickTickTask[]> {
    const response = await this.send("POST", "/task/completed", JSON.stringify({ projectIds }), true);
    return this.json<TickTickTask[]>(this.expectOk(response, "read completed tasks"), "read completed tasks") ?? [];
  }

  /**
   * Creates a task. Returns the task, or throws UnknownOutcomeError when TickTick may have created it
   * without telling us (timeout, 5xx after send, 201 with no body): the caller must look before retrying.
   */
  async createTask(draft: TickTickTaskDraft): Promise<TickTickTask> {
    const response = await this.send("POST", "/task", JSON.stringify(draft), false);
    if (response.status >= 500) throw new UnknownOutcomeError("create task", response.status);
    const body = this.expectOk(response, "create task");
    if (body.trim() === "") throw new UnknownOutcomeError("create task", "empty answer");
    return this.json<TickTickTask>(body, "create task");
  }

  /**
   * Updates a task with the full object. TickTick answers 200 with an empty body and changes nothing
   * when the projectId is stale (the task moved): that is returned as null, never as success.
   */
  async updateTask(task: TickTickTask): Promise<TickTickTask | null> {
    const response = await this.send("POST", `/task/${encodeURIComponent(task.id)}`, JSON.stringify(task), false);
    if (response.status >= 500) throw new UnknownOutcomeError(`update task ${task.id}`, response.status);
    const body = this.expectOk(response, `update task ${task.id}`);
    if (body.trim() === "") return null;
    return this.json<TickTickTask>(body, `update task ${task.id}`);
  }

  /** Completing twice is harmless, so an unknown outcome is simply re-checked on the next sync. */
  async completeTask(projectId: string, taskId: string): Promise<void> {
    const response = await this.send(
      "POST",
      `/project/${encodeURIComponent(projectId)}/task/${encodeURIComponent(taskId)}/complete`,
      undefined,
      false,
    );
    if (response.status >= 500) throw new UnknownOutcomeError(`complete task ${taskId}`, response.status);
    this.expectOk(response, `complete task ${taskId}`);
  }

  private async readJson<T>(path: string, what: string): Promise<T> {
    const response = await this.send("GET", path, undefined, true);
    return this.json<T>(this.expectOk(response, what), what);
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    body: string | undefined,
    safeToRetry: boolean,
  ): Promise<HttpResponse> {
    const retries = safeToRetry ? (this.options.readRetries ?? 2) : 0;
    for (let attempt = 0; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.options.queue.run(() =>
          this.options.http.request({
            url: this.baseUrl + path,
            method,
            headers: {
              Authorization: `Bearer ${this.options.token}`,
              Accept: "application/json",
              ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
            },
            body,
            timeoutMs: this.options.timeoutMs ?? 30000,
          }),
        );
      } catch (error) {
        if (attempt < retries) {
          await this.options.queue.backoffAfter(attempt);
          continue;
        }
        throw new UnknownOutcomeError(`${method} ${path}`, error);
      }
      if (response.status === 401) throw new TickTickAuthError();
      if (isRateLimited(response))
        throw new TickTickHttpError(`${method} ${path} (rate limited)`, response.status, response.text);
      if (response.status >= 500 && attempt < retries) {
        await this.options.queue.backoffAfter(attempt);
        continue;
      }
      return response;
    }
  }

  private expectOk(response: HttpResponse, what: string): string {
    if (response.status >= 200 && response.status < 300) return response.text;
    throw new TickTickHttpError(what, response.status, response.text);
  }

  private json<T>(text: string, what: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new TickTickHttpError(`${what}: answer is not JSON`, 200, text);
    }
  }
}
