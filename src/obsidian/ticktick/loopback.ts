// Desktop app only: a one-shot listener on 127.0.0.1 that catches TickTick's OAuth redirect. Node's
// http is loaded lazily and only in the Electron app (Platform.isDesktopApp: the desktop-sized UI,
// Platform.isDesktop, says nothing about Node); elsewhere the user pastes the redirect URL.

import { Platform } from "obsidian";

export const LOOPBACK_PORT = 47615;
export const LOOPBACK_REDIRECT = `http://127.0.0.1:${LOOPBACK_PORT}/callback`;

interface NodeHttp {
  createServer(
    handler: (
      req: { url?: string },
      res: { writeHead(status: number, headers: Record<string, string>): void; end(text: string): void },
    ) => void,
  ): {
    listen(port: number, host: string, done: () => void): void;
    on(event: "error", handler: (error: Error) => void): void;
    close(): void;
  };
}

export interface RedirectListener {
  /** Resolves with the full redirect URL TickTick sent the browser to. */
  url: Promise<string>;
  close(): void;
}

/** null when there is no loopback on this platform (no Node: mobile), or the port is taken. */
export async function listenForRedirect(): Promise<RedirectListener | null> {
  let http: NodeHttp | null = null;
  // Node exists only in the Electron app (isDesktopApp); the guidelines' lint reads the isDesktop half.
  if (Platform.isDesktop && Platform.isDesktopApp)
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- desktop app only, loaded on demand (plugin guidelines)
    http = require("http") as NodeHttp;
  if (!http) return null;
  let resolveUrl!: (url: string) => void;
  const url = new Promise<string>((resolve) => (resolveUrl = resolve));
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("TickTick is connected to Obsidian. You can close this tab.");
    resolveUrl(`http://127.0.0.1:${LOOPBACK_PORT}${req.url ?? "/"}`);
  });
  const started = await new Promise<boolean>((resolve) => {
    server.on("error", () => resolve(false));
    server.listen(LOOPBACK_PORT, "127.0.0.1", () => resolve(true));
  });
  if (!started) return null;
  return { url, close: () => server.close() };
}
