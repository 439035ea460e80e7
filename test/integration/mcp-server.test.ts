// The MCP server over real stdio: what an agent with tools sees.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectMcp, type McpSession } from "./mcp-client";

describe("decp mcp over stdio", () => {
  let root: string;
  let mcp: McpSession;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "decp-mcp-"));
    mkdirSync(join(root, "Copilot/Protocol"), { recursive: true });
    writeFileSync(join(root, "Copilot/Protocol/BOOTLOADER.md"), "---\ntype: protocol\n---\n# Bootloader\nRead me first.\n");
    writeFileSync(join(root, "Copilot/Protocol/PROTOCOL_REFERENCE.md"), "# Protocol reference\n");
    mcp = await connectMcp(root);
  });

  afterAll(async () => {
    await mcp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  test("identifies itself and tells the agent how to start", () => {
    expect(mcp.client.getServerVersion()?.name).toBe("decp");
    expect(mcp.client.getInstructions()).toContain("bootload");
  });

  test("serves the protocol notes as resources, read from the vault", async () => {
    const { resources } = await mcp.client.listResources();
    expect(resources.map((r) => r.uri).sort()).toEqual(["decp://protocol/BOOTLOADER", "decp://protocol/PROTOCOL_REFERENCE"]);
    const read = await mcp.client.readResource({ uri: "decp://protocol/BOOTLOADER" });
    expect(read.contents[0]).toMatchObject({ mimeType: "text/markdown", text: "---\ntype: protocol\n---\n# Bootloader\nRead me first.\n" });
  });

  test("a missing protocol note or one outside the folder is an error, and the server keeps serving", async () => {
    await expect(mcp.client.readResource({ uri: "decp://protocol/ONBOARDING" })).rejects.toThrow(/No protocol note "ONBOARDING"/);
    await expect(mcp.client.readResource({ uri: "decp://protocol/..%2F..%2Fsecret" })).rejects.toThrow(/not a note name/);
    const again = await mcp.client.readResource({ uri: "decp://protocol/PROTOCOL_REFERENCE" });
    expect(again.contents[0]).toMatchObject({ text: "# Protocol reference\n" });
  });

  test("nothing but protocol messages reaches stdout; logs go to stderr", () => {
    expect(mcp.protocolErrors).toEqual([]);
    expect(mcp.stderr()).toContain("decp mcp: serving");
  });
});
