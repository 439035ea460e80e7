/** @jest-environment jsdom */
// One protocol, two paths: the text an agent gets through MCP (before the session meter's last line)
// is byte for byte what a human copies in Obsidian ("Copy context pack", "Resume session") and what
// the CLI prints (`decp pack`, `decp resume`). Same vault on disk (CLI, MCP server) and in the Obsidian fake (built main.js).
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { approveLoops, captureLoops } from "../../src/core/loops";
import { fixedClock } from "../../src/core/ports";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { writeHandoff } from "../../src/core/session";
import {
  allSettings,
  clipboard,
  closeAllModals,
  findSetting,
  openModals,
  type ButtonComponent,
  type Modal,
  type TextComponent,
} from "../fakes/obsidian";
import { createApp, loadBuiltPlugin, settle, type LoadedPlugin } from "../fakes/obsidian-harness";
import { runCli } from "./built-cli";
import { connectMcp, metered, type McpSession } from "./mcp-client";
import { jaffleVault } from "./mcp-vault";

function vaultFiles(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name)).split("\\").join("/");
    if (entry.isFile() && !path.split("/").some((part) => part.startsWith(".")))
      files[path] = readFileSync(join(root, path), "utf8");
  }
  return files;
}

async function fill(fields: Record<string, string>): Promise<void> {
  const form = openModals.at(-1) as Modal;
  for (const [name, value] of Object.entries(fields))
    await (findSetting(form.contentEl, name).components[0] as TextComponent).input(value);
  await (allSettings(form.contentEl).at(-1)!.components[0] as ButtonComponent).click();
  await settle(10);
}

describe("MCP, clipboard and CLI give the same text", () => {
  let root: string;
  let mcp: McpSession;
  let loaded: LoadedPlugin;

  beforeAll(async () => {
    const made = await jaffleVault();
    root = made.root;
    const settings = structuredClone(DEFAULT_SETTINGS);
    const clock = fixedClock("2026-01-21T09:00:00Z");
    const reply =
      "<loop><title>Check order grain</title><question>One row per order_id?</question><model>orders</model></loop>\n<loop><title>Payment methods list</title><question>Is gift_card still used?</question></loop>";
    const { created } = await captureLoops(made.vault, settings, reply, { clock });
    await approveLoops(
      made.vault,
      settings,
      created.map((l) => l.id),
      clock,
    );
    await writeHandoff(
      made.vault,
      settings,
      settings.dailyNotes,
      {
        stoppedAt: "Reviewed the payment join",
        nextAction: "Add a unique test on orders.order_id",
        reading: ["orders"],
      },
      clock,
    );
    mcp = await connectMcp(root);
    const app = createApp({ files: vaultFiles(root), dailyNotes: { folder: "", format: "YYYY-MM-DD" } });
    loaded = await loadBuiltPlugin(app);
  });

  afterAll(async () => {
    closeAllModals();
    await loaded?.unload();
    await mcp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("a 2,000-token context pack: context_pack = Copy context pack = decp pack", async () => {
    const tool = await mcp.call("context_pack", { focus: "orders", budget: 2000 });
    expect(tool.isError).toBeFalsy();
    // Through MCP the session meter's line follows the pack; the pack itself is the same bytes.
    const text = metered(tool).body;
    expect(text).toContain("orders");

    clipboard.clear();
    await loaded.run("build-context-pack");
    await fill({ Focus: "orders", Budget: "2000" });
    await loaded.run("copy-context-pack");
    expect(clipboard.text).toBe(text);

    const cli = await runCli(["pack", root, "--focus", "orders", "--budget", "2000"]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(text);
  });

  test("the resume pack: bootload = Resume session = decp resume", async () => {
    const tool = await mcp.call("bootload", {});
    expect(tool.isError).toBeFalsy();
    const text = metered(tool).body;
    expect(text).toContain("Add a unique test on orders.order_id");
    expect(text).toContain("Check order grain");

    clipboard.clear();
    await loaded.run("resume-session");
    await settle(6);
    expect(clipboard.writes.at(-1)).toBe(text);

    const cli = await runCli(["resume", root, "--json"]);
    expect(cli.code).toBe(0);
    expect((JSON.parse(cli.stdout) as { text: string }).text).toBe(text);
  });
});
