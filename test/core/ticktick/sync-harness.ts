// Wires the sync engine to the fake TickTick server over real HTTP, with a clock and sleep that
// never wait, and checks the invariants every sync test asserts: no duplicates, no lost text.
// No request races a timer: one the server withholds its answer from is given up on that event.

import { nodeHttp } from "../../../src/cli/node-http";
import { fixedClock, type HttpPort, type HttpResponse } from "../../../src/core/ports";
import { DEFAULT_SETTINGS, type TickTickSettings } from "../../../src/core/settings";
import {
  RequestQueue,
  TickTickClient,
  markerOf,
  memoryStatePort,
  syncLoops,
  type LoopStore,
  type SyncReport,
} from "../../../src/core/ticktick";
import { FakeTickTickServer } from "../../fakes/ticktick-server";

export interface Harness {
  server: FakeTickTickServer;
  state: ReturnType<typeof memoryStatePort>;
  settings: TickTickSettings;
  sleeps: number[];
  sync(loops: LoopStore, options?: { dryRun?: boolean; http?: HttpPort }): Promise<SyncReport>;
}

export async function startHarness(): Promise<Harness> {
  const server = await FakeTickTickServer.start();
  const state = memoryStatePort();
  const settings = structuredClone(DEFAULT_SETTINGS.ticktick);
  const sleeps: number[] = [];
  const clock = fixedClock("2026-01-22T10:00:00Z");
  return {
    server,
    state,
    settings,
    sleeps,
    async sync(loops, options = {}) {
      const queue = new RequestQueue({
        minIntervalMs: 0,
        maxRetries: 5,
        baseBackoffMs: 1000,
        maxBackoffMs: 60000,
        clock,
        sleep: async (ms) => void sleeps.push(ms),
      });
      const client = new TickTickClient({
        baseUrl: server.baseUrl,
        token: server.token,
        http: options.http ?? givingUpOnHang(server),
        queue,
      });
      return syncLoops({ client, loops, state, clock, settings, vaultName: "Work vault" }, { dryRun: options.dryRun });
    },
  };
}

/**
 * nodeHttp, except that a request the server applied and then hangs is given up the moment the server
 * hangs it, failing as a client time-out does. Requests run one at a time, so the hung one is in flight.
 */
function givingUpOnHang(server: FakeTickTickServer): HttpPort {
  return {
    request: (req) =>
      new Promise<HttpResponse>((resolve, reject) => {
        const giveUp = (): void => reject(new DOMException("The operation timed out.", "TimeoutError"));
        server.onHang = giveUp;
        nodeHttp
          .request(req)
          .then(resolve, reject)
          .finally(() => {
            if (server.onHang === giveUp) server.onHang = undefined;
          });
      }),
  };
}

/** Every loop id appears on at most one TickTick task. */
export function expectNoDuplicates(server: FakeTickTickServer): void {
  const markers = server
    .allTasks()
    .map((t) => markerOf(t))
    .filter((m): m is string => m !== undefined);
  expect(markers.length).toBe(new Set(markers).size);
}
