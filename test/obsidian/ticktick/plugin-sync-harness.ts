// What the plugin's TickTick tests share: the fake TickTick server for every test, reached the way the
// plugin reaches TickTick (requestUrl to the official host, routed to the fake), and one open loop note.
import { routedOrigins } from "../../fakes/obsidian";
import { createApp } from "../../fakes/obsidian-harness";
import { FakeTickTickServer } from "../../fakes/ticktick-server";

export const LOOP_PATH = "Copilot/Loops/LOOP-001 Validate invoice grain.md";
export const LOOP_NOTE =
  "---\nid: LOOP-001\ntype: loop\nstatus: open\ntitle: Validate invoice grain\ncaptured: 2026-01-21T14:30:00Z\nmodels: []\n---\n## Context\nWhy it matters\n\n## Question\nOne row per line?\n\n## Outcome\n\n";

/** A fresh fake TickTick server for every test of the file, stopped after it; read it through the getter. */
export function fakeTickTickPerTest(): () => FakeTickTickServer {
  let server: FakeTickTickServer;
  beforeEach(async () => {
    server = await FakeTickTickServer.start();
    // The plugin talks to the official host only; the fake's requestUrl serves it from the test server.
    routedOrigins.set("https://api.ticktick.com", server.origin);
  });
  afterEach(async () => {
    routedOrigins.clear();
    await server.stop();
  });
  return () => server;
}

/** An app holding the open loop note, with these secrets in its SecretStorage. */
export function appWithLoop(secrets: Record<string, string>): ReturnType<typeof createApp> {
  return createApp({ files: { [LOOP_PATH]: LOOP_NOTE }, secrets });
}
