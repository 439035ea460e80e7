// "Sync loops with TickTick", the one entry point the plugin and `decp sync` call: the paced client
// over the adapter's HttpPort, the vault's loop notes as the loop store, then the sync engine.
// Adapters only find the token and the state store, and render the report.

import type { Clock, HttpPort } from "../ports";
import type { DecpSettings } from "../settings";
import type { VaultPort } from "../vault";
import { TickTickClient } from "./client";
import { syncLoops, type SyncOptions } from "./engine";
import { syncApiBase } from "./hosts";
import { DEFAULT_PACING, RequestQueue } from "./request-queue";
import type { SyncReport, SyncStatePort } from "./state";
import { vaultLoopStore } from "./vault-loop-store";

export interface TickTickSyncSetup {
  vault: VaultPort;
  settings: DecpSettings;
  /** The access token, from secret storage (plugin) or TICKTICK_TOKEN (CLI); never from a file. */
  token: string;
  http: HttpPort;
  state: SyncStatePort;
  clock: Clock;
  /** How the request queue waits between requests (window or Node timers). */
  sleep: (ms: number) => Promise<void>;
  /** The vault's name, for the obsidian:// link in each task. */
  vaultName: string;
  /**
   * Another Open API server than the settings' (the CLI's TICKTICK_API_BASE): https, or http to a
   * loopback address. Settings, which sync with the vault, may only choose an official host.
   */
  apiBase?: string;
}

export function syncTickTick(setup: TickTickSyncSetup, options: SyncOptions = {}): Promise<SyncReport> {
  const { vault, settings, clock } = setup;
  // Checked before anything is sent: the token goes to an official host, or where the environment says.
  const baseUrl = syncApiBase(settings.ticktick.apiBase, setup.apiBase);
  const queue = new RequestQueue({ ...DEFAULT_PACING, clock, sleep: setup.sleep });
  const client = new TickTickClient({
    baseUrl,
    token: setup.token,
    http: setup.http,
    queue,
  });
  return syncLoops(
    {
      client,
      loops: vaultLoopStore(vault, settings, clock),
      state: setup.state,
      clock,
      settings: settings.ticktick,
      vaultName: setup.vaultName,
    },
    options,
  );
}
