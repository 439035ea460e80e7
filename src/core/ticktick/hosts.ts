// Where the TickTick token may go. Settings live in the vault, which teams sync and commit, so they
// may only choose one of TickTick's official services (ticktick.com, or its Dida365 variant); any other
// API base (a test server, a proxy) comes from the environment, over https or to a loopback address.

import { UserError } from "../errors";

export interface TickTickService {
  label: string;
  /** Open API base (https://developer.ticktick.com, https://developer.dida365.com). */
  api: string;
  authorize: string;
  token: string;
}

export const TICKTICK_SERVICES: readonly TickTickService[] = [
  {
    label: "TickTick (ticktick.com)",
    api: "https://api.ticktick.com/open/v1",
    authorize: "https://ticktick.com/oauth/authorize",
    token: "https://ticktick.com/oauth/token",
  },
  {
    label: "Dida365 (dida365.com)",
    api: "https://api.dida365.com/open/v1",
    authorize: "https://dida365.com/oauth/authorize",
    token: "https://dida365.com/oauth/token",
  },
];

/** The official service a settings value names, or undefined. */
export function officialService(apiBase: string): TickTickService | undefined {
  const wanted = apiBase.trim().replace(/\/+$/, "");
  return TICKTICK_SERVICES.find((service) => service.api === wanted);
}

/** The service settings choose: an empty value is TickTick; anything but the official hosts is refused. */
export function settingsService(apiBase: string): TickTickService {
  const service = apiBase.trim() === "" ? TICKTICK_SERVICES[0] : officialService(apiBase);
  if (service) return service;
  throw new UserError(
    `The settings name ${JSON.stringify(apiBase)} as TickTick's API; settings may only choose ${TICKTICK_SERVICES.map((s) => s.api).join(" or ")}`,
    { token: "ticktick.apiBase" },
    "No request was sent. Fix ticktick.apiBase in the settings; a test server or proxy goes in the TICKTICK_API_BASE environment variable",
  );
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** An API base from the environment: https anywhere, plain http only to this machine. */
export function environmentApiBase(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new UserError(`TICKTICK_API_BASE ${JSON.stringify(value)} is not a URL`, { token: "TICKTICK_API_BASE" });
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
  if (!secure || url.username || url.password)
    throw new UserError(
      `TICKTICK_API_BASE ${JSON.stringify(value)} would send the token in the clear`,
      { token: "TICKTICK_API_BASE" },
      "No request was sent. Use an https URL (plain http only to a loopback address such as 127.0.0.1)",
    );
  return url.href.replace(/\/+$/, "");
}

/** The API base a sync sends the token to: the environment's when set, else the official host settings chose. */
export function syncApiBase(settingsApiBase: string, envApiBase?: string): string {
  if (envApiBase !== undefined && envApiBase.trim() !== "") return environmentApiBase(envApiBase);
  return settingsService(settingsApiBase).api;
}
