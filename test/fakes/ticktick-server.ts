// A local TickTick Open API server (node:http on 127.0.0.1, random port) for sync tests over real
// HTTP. It reproduces the Open API's quirks, each switchable, injects faults on demand, and offers a
// test-side API to edit tasks "as the user in TickTick would".

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";

export interface FakeTask {
  id: string;
  projectId: string;
  title: string;
  content?: string;
  desc?: string;
  isAllDay?: boolean;
  startDate?: string;
  dueDate?: string;
  timeZone?: string;
  reminders?: string[];
  repeatFlag?: string;
  priority: number;
  status: number;
  completedTime?: string;
  sortOrder: number;
  items?: unknown[];
  tags?: string[];
  [key: string]: unknown;
}

export interface FakeQuirks {
  /** `/project` leaves the Inbox out; inbox tasks carry projectId "inbox<userId>". */
  inboxHidden: boolean;
  /** Dates carry milliseconds ("...:00.000+0000"). */
  milliseconds: boolean;
  /** Every create answers 201 with no body (the task is created). */
  createAnswers201Empty: boolean;
  /** An update naming a stale projectId answers 200 with an empty body and changes nothing. */
  staleProjectIdEmpty200: boolean;
}

export type FaultKind =
  | "429" // rate limited, not applied
  | "limit500" // 500 {"errorCode":"exceed_query_limit"}, not applied
  | "401" // token rejected
  | "timeoutAfterApply" // applied, then no answer until the client gives up
  | "dropAfterApply" // applied, then the connection is cut
  | "500AfterApply" // applied, then a 500
  | "201Empty"; // a create answered 201 with no body (applied)

export interface FaultSpec {
  kind: FaultKind;
  method?: "GET" | "POST";
  /** Matches the path after /open/v1: a RegExp, or a string for the exact path. */
  path?: RegExp | string;
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
  status: number;
}

const API = "/open/v1";

export class FakeTickTickServer {
  readonly userId = "114477";
  readonly inboxId = `inbox${this.userId}`;
  token = "test-token-" + randomBytes(6).toString("hex");
  quirks: FakeQuirks = {
    inboxHidden: true,
    milliseconds: false,
    createAnswers201Empty: false,
    staleProjectIdEmpty200: true,
  };
  readonly requests: RecordedRequest[] = [];
  readonly oauth = { clientId: "client-1", clientSecret: "secret-1", code: "code-1", redirectUri: "" };
  private readonly projects = new Map<string, { id: string; name: string }>();
  private readonly tasks = new Map<string, FakeTask>();
  /** Called before each API request is routed: lets a test act "as the user" mid-sync. */
  onRequest?: (method: string, path: string) => void;
  /** Called when a request was applied and its answer is withheld (timeoutAfterApply). */
  onHang?: () => void;
  private faults: (FaultSpec & { left: number })[] = [];
  private server?: Server;
  private readonly hanging = new Set<ServerResponse>();
  private now = DateTime.fromISO("2026-01-22T09:00:00Z", { zone: "utc" });
  private order = 0;

  /** Starts on 127.0.0.1 with a random port. */
  static async start(): Promise<FakeTickTickServer> {
    const fake = new FakeTickTickServer();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server!.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get baseUrl(): string {
    return this.origin + API;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  // ---- test-side API: faults and direct edits "as the user in TickTick" ----

  fail(spec: FaultSpec): void {
    this.faults.push({ ...spec, left: spec.times ?? 1 });
  }

  /** Faults not yet triggered (a test asserts its fault really fired). */
  pendingFaults(): number {
    return this.faults.length;
  }

  clearFaults(): void {
    this.faults = [];
  }

  expireToken(): void {
    this.token = "expired";
  }

  addProject(name: string): string {
    const id = randomBytes(12).toString("hex");
    this.projects.set(id, { id, name });
    return id;
  }

  allTasks(): FakeTask[] {
    return [...this.tasks.values()].map((t) => structuredClone(t));
  }

  task(id: string): FakeTask {
    const task = this.tasks.get(id);
    if (!task) throw new Error(`no task ${id}`);
    return task;
  }

  userRetitle(id: string, title: string): void {
    this.touch(id).title = title;
  }

  userSetContent(id: string, content: string): void {
    this.touch(id).content = content;
  }

  userSetPriority(id: string, priority: 0 | 1 | 3 | 5): void {
    this.touch(id).priority = priority;
  }

  /** A day ("2026-01-30") makes an all-day task stored as local midnight in `timeZone`, in UTC. */
  userSetDue(id: string, due: string, timeZone = "Europe/Berlin"): void {
    const task = this.touch(id);
    const allDay = /^\d{4}-\d{2}-\d{2}$/.test(due);
    const at = allDay
      ? DateTime.fromISO(due, { zone: timeZone }).startOf("day")
      : DateTime.fromISO(due, { zone: "utc" });
    task.isAllDay = allDay;
    task.timeZone = timeZone;
    task.dueDate = task.startDate = this.format(at);
  }

  userMove(id: string, projectId: string): void {
    this.touch(id).projectId = projectId === "inbox" ? this.inboxId : projectId;
  }

  userSetTags(id: string, tags: string[]): void {
    this.touch(id).tags = tags;
  }

  userComplete(id: string): void {
    const task = this.touch(id);
    task.status = 2;
    task.completedTime = this.format(this.now);
  }

  userCreateTask(fields: { title: string; content?: string; projectId?: string; tags?: string[] }): FakeTask {
    return this.insert({ ...fields, projectId: fields.projectId ?? this.inboxId });
  }

  /** Moves the fake's "now" (completion times). */
  setNow(iso: string): void {
    this.now = DateTime.fromISO(iso, { zone: "utc" });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await new Promise<string>((resolve) => {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      req.on("end", () => resolve(text));
    });
    const url = new URL(req.url ?? "/", this.origin);
    const method = req.method ?? "GET";
    const record: RecordedRequest = { method, path: url.pathname, body, status: 0 };
    this.requests.push(record);
    const answer = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const text = payload === undefined ? "" : JSON.stringify(payload);
      res.writeHead(status, { ...(text ? { "Content-Type": "application/json" } : {}), ...headers });
      res.end(text);
    };
    if (url.pathname === "/oauth/token") return this.handleToken(req, body, answer);
    if (!url.pathname.startsWith(API)) return answer(404);
    const path = url.pathname.slice(API.length);
    this.onRequest?.(method, path);
    const fault = this.takeFault(method, path);
    if (fault === "429") return answer(429, { errorCode: "too_many_requests" }, { "Retry-After": "1" });
    if (fault === "limit500")
      return answer(500, { errorCode: "exceed_query_limit", errorMessage: "Exceed query limit" });
    if (fault === "401" || req.headers.authorization !== `Bearer ${this.token}`)
      return answer(401, { errorCode: "unauthorized" });
    const result = this.route(method, path, body);
    if (fault === "timeoutAfterApply") {
      record.status = -1;
      this.hanging.add(res);
      res.on("close", () => this.hanging.delete(res));
      this.onHang?.();
      return;
    }
    if (fault === "dropAfterApply") {
      record.status = -1;
      res.destroy();
      return;
    }
    if (fault === "500AfterApply") return answer(500, { errorCode: "internal_error" });
    if (fault === "201Empty" && method === "POST" && path === "/task") return answer(201);
    if (this.quirks.createAnswers201Empty && method === "POST" && path === "/task" && result.status === 200)
      return answer(201);
    answer(result.status, result.payload);
  }

  private route(method: string, path: string, body: string): { status: number; payload?: unknown } {
    const parts = path.split("/").filter(Boolean);
    const json = (): Record<string, unknown> => (body ? (JSON.parse(body) as Record<string, unknown>) : {});
    if (method === "GET" && path === "/project") {
      const projects = [...this.projects.values()];
      return {
        status: 200,
        payload: this.quirks.inboxHidden ? projects : [{ id: this.inboxId, name: "Inbox" }, ...projects],
      };
    }
    if (method === "GET" && parts[0] === "project" && parts[2] === "data" && parts.length === 3) {
      const projectId = this.resolveProject(parts[1]);
      if (!projectId) return { status: 404 };
      const tasks = [...this.tasks.values()].filter((t) => t.projectId === projectId && t.status === 0);
      return {
        status: 200,
        payload: { project: { id: projectId }, tasks: tasks.map((t) => this.render(t)), columns: [] },
      };
    }
    if (method === "GET" && parts[0] === "project" && parts[2] === "task" && parts.length === 4) {
      const task = this.tasks.get(parts[3]);
      if (!task || task.projectId !== this.resolveProject(parts[1])) return { status: 404 };
      return { status: 200, payload: this.render(task) };
    }
    if (method === "POST" && parts[0] === "project" && parts[2] === "task" && parts[4] === "complete") {
      const task = this.tasks.get(parts[3]);
      if (!task || task.projectId !== this.resolveProject(parts[1])) return { status: 404 };
      if (task.status !== 2) {
        task.status = 2;
        task.completedTime = this.format(this.now);
      }
      return { status: 200 };
    }
    if (method === "POST" && path === "/task") {
      const draft = json();
      if (typeof draft.title !== "string") return { status: 400, payload: { errorCode: "param_error" } };
      const projectId = this.resolveProject(typeof draft.projectId === "string" ? draft.projectId : "inbox");
      if (!projectId) return { status: 400, payload: { errorCode: "project_not_found" } };
      return { status: 200, payload: this.render(this.insert({ ...draft, projectId })) };
    }
    if (
      method === "POST" &&
      parts[0] === "task" &&
      parts.length === 2 &&
      parts[1] !== "completed" &&
      parts[1] !== "filter"
    ) {
      const task = this.tasks.get(parts[1]);
      if (!task) return { status: 404 };
      const update = json();
      if (this.resolveProject(String(update.projectId)) !== task.projectId && this.quirks.staleProjectIdEmpty200)
        return { status: 200 };
      this.apply(task, update);
      return { status: 200, payload: this.render(task) };
    }
    if (method === "POST" && (path === "/task/completed" || path === "/task/filter")) {
      const query = json() as { projectIds?: string[]; status?: number[]; tag?: string[] };
      const projects = query.projectIds?.map((p) => this.resolveProject(p));
      const wanted = path === "/task/completed" ? [2] : (query.status ?? [0]);
      const found = [...this.tasks.values()].filter(
        (t) =>
          wanted.includes(t.status) &&
          (!projects || projects.includes(t.projectId)) &&
          (!query.tag || query.tag.some((tag) => t.tags?.includes(tag))),
      );
      return { status: 200, payload: found.map((t) => this.render(t)) };
    }
    return { status: 404 };
  }

  private handleToken(req: IncomingMessage, body: string, answer: (status: number, payload?: unknown) => void): void {
    const basic = "Basic " + Buffer.from(`${this.oauth.clientId}:${this.oauth.clientSecret}`).toString("base64");
    const form = new URLSearchParams(body);
    if (req.headers.authorization !== basic) return answer(401, { error: "invalid_client" });
    if (form.get("grant_type") !== "authorization_code" || form.get("code") !== this.oauth.code)
      return answer(400, { error: "invalid_grant" });
    if (this.oauth.redirectUri && form.get("redirect_uri") !== this.oauth.redirectUri)
      return answer(400, { error: "invalid_grant" });
    answer(200, {
      access_token: this.token,
      token_type: "bearer",
      expires_in: 15551999,
      scope: form.get("scope") ?? "tasks:read tasks:write",
    });
  }

  private takeFault(method: string, path: string): FaultKind | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === "string" ? path === f.path : f.path.test(path))),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index];
    if (--fault.left <= 0) this.faults.splice(index, 1);
    return fault.kind;
  }

  private resolveProject(id: string): string | undefined {
    if (id === "inbox" || id === this.inboxId) return this.inboxId;
    return this.projects.has(id) ? id : undefined;
  }

  private insert(fields: Record<string, unknown> & { projectId: string }): FakeTask {
    const task: FakeTask = {
      priority: 0,
      status: 0,
      sortOrder: ++this.order * -1024,
      title: "",
      ...(fields as Partial<FakeTask>),
      id: randomBytes(12).toString("hex"),
      projectId: fields.projectId,
    };
    this.tasks.set(task.id, task);
    return task;
  }

  /** Full-object update: what is sent replaces what is stored (id and project stay). */
  private apply(task: FakeTask, update: Record<string, unknown>): void {
    const wasCompleted = task.status === 2;
    for (const [key, value] of Object.entries(update)) {
      if (key === "id" || key === "projectId") continue;
      task[key] = value;
    }
    if (task.status === 2 && !wasCompleted) task.completedTime = this.format(this.now);
    if (task.status !== 2) delete task.completedTime;
  }

  private touch(id: string): FakeTask {
    return this.task(id);
  }

  private render(task: FakeTask): FakeTask {
    const out = structuredClone(task);
    for (const key of ["dueDate", "startDate", "completedTime"] as const) {
      const value = out[key];
      if (typeof value === "string")
        out[key] = this.format(DateTime.fromISO(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"), { zone: "utc" }));
    }
    return out;
  }

  private format(at: DateTime): string {
    const utc = at.toUTC();
    return utc.toFormat(this.quirks.milliseconds ? "yyyy-MM-dd'T'HH:mm:ss.SSS" : "yyyy-MM-dd'T'HH:mm:ss") + "+0000";
  }
}
