// Drives the built CLI's `decp sync` against the fake TickTick server over real HTTP (async spawn,
// so the in-process server keeps answering).

import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FsVault } from "../../src/cli/fs-vault";
import { createLoops } from "../../src/core/loops";
import { fixedClock } from "../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { FakeTickTickServer } from "../fakes/ticktick-server";

const cli = join(__dirname, "../../dist/cli.js");

function decp(
  env: Record<string, string | undefined>,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

let root: string;
let server: FakeTickTickServer;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "decp-sync-cli-"));
  server = await FakeTickTickServer.start();
  const vault = new FsVault(root);
  await createLoops(
    vault,
    DEFAULT_SETTINGS,
    [{ title: "Validate invoice grain", question: "One row per line?" }, { title: "Refund lag" }],
    { clock: fixedClock("2026-01-21T14:30:00Z"), status: "open" },
  );
});
afterEach(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

test("without TICKTICK_TOKEN it exits 1 with one line saying what to set", async () => {
  const result = await decp({}, "sync", root);
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split("\n")).toHaveLength(1);
  expect(result.stderr).toMatch(/TICKTICK_TOKEN is not set.*Set TICKTICK_TOKEN/);
});

test("--dry-run says what it would do and writes nothing on either side", async () => {
  const before = allFiles(root).map((f) => [f, readFileSync(f, "utf8")]);
  const result = await decp(
    { TICKTICK_TOKEN: server.token, TICKTICK_API_BASE: server.baseUrl },
    "sync",
    root,
    "--dry-run",
    "--json",
  );
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout) as { dryRun: boolean; actions: string[]; created: number };
  expect(json).toMatchObject({
    dryRun: true,
    created: 0,
    actions: ["Create TickTick task for LOOP-001", "Create TickTick task for LOOP-002"],
  });
  expect(server.allTasks()).toHaveLength(0);
  expect(allFiles(root).map((f) => [f, readFileSync(f, "utf8")])).toEqual(before);
});

test("sync --json exports, reports the contract keys, and never writes the token anywhere", async () => {
  const env = { TICKTICK_TOKEN: server.token, TICKTICK_API_BASE: server.baseUrl };
  const first = await decp(env, "sync", root, "--json");
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  expect(JSON.parse(first.stdout)).toMatchObject({ created: 2, updated: 0, imported: 0, errors: [] });
  server.userCreateTask({ title: "From my phone", tags: ["decp"] });
  const second = await decp(env, "sync", root, "--json");
  expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, imported: 1, errors: [] });
  expect(readFileSync(join(root, ".decp/ticktick-state.json"), "utf8")).toContain("LOOP-003");
  for (const file of allFiles(root)) expect(readFileSync(file, "utf8")).not.toContain(server.token);
  const human = await decp(env, "sync", root);
  expect(human.stdout).toBe("TickTick sync: 0 created, 0 updated, 0 imported, 0 clarified\n");
});

test("an expired token exits 1, asks to reconnect and keeps the loops", async () => {
  server.expireToken();
  const result = await decp({ TICKTICK_TOKEN: "old-token", TICKTICK_API_BASE: server.baseUrl }, "sync", root, "--json");
  expect(result.status).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ authRequired: true });
  expect(result.stderr).toMatch(/fresh TICKTICK_TOKEN/);
  expect(readdirSync(join(root, "Copilot/Loops"))).toHaveLength(2);
});
