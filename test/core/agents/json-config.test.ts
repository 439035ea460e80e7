import { setJsonValue, upsertHookGroup } from "../../../src/core/agents";
import { UserError } from "../../../src/core/errors";

const server = { type: "stdio", command: "/usr/bin/node", args: ["/opt/decp/dist/cli.js", "mcp", "/v"] };

describe("setJsonValue", () => {
  test("a missing file becomes a two-space JSON document with the key", () => {
    const text = setJsonValue(undefined, ["mcpServers", "decp"], server, ".mcp.json");
    expect(JSON.parse(text)).toEqual({ mcpServers: { decp: server } });
    expect(text).toBe(JSON.stringify({ mcpServers: { decp: server } }, null, 2) + "\n");
  });

  test("the user's servers, keys, order, indentation and comments stay", () => {
    const lines = [
      "{",
      "    // my servers",
      '    "servers": {',
      '        "github": { "type": "http", "url": "https://x" }, // inline, as I like it',
      '        "db": {',
      '            "type": "stdio", "command": "pg-mcp"',
      "        }",
      "    },",
      '    "inputs": []',
      "}",
    ];
    const text = setJsonValue(lines.join("\n") + "\n", ["servers", "decp"], server, ".vscode/mcp.json");
    for (const line of lines.filter((l) => l !== "        }")) expect(text.split("\n")).toContain(line);
    expect(text).toContain(`        "decp": {`);
    expect(text.indexOf('"inputs"')).toBeGreaterThan(text.indexOf('"decp"'));
  });

  test("an equal value, in any key order, leaves the text byte for byte", () => {
    const mine = `{"mcpServers":{"decp":{"args":["/opt/decp/dist/cli.js","mcp","/v"],"command":"/usr/bin/node","type":"stdio"}}}`;
    expect(setJsonValue(mine, ["mcpServers", "decp"], server, ".mcp.json")).toBe(mine);
  });

  test("a changed value (the clone moved) is replaced, nothing else", () => {
    const old = setJsonValue(`{"a": 1}`, ["mcpServers", "decp"], { ...server, command: "/old/node" }, ".mcp.json");
    const text = setJsonValue(old, ["mcpServers", "decp"], server, ".mcp.json");
    expect(JSON.parse(text)).toEqual({ a: 1, mcpServers: { decp: server } });
  });

  test.each([
    ["broken JSON", `{\n  "mcpServers": {\n    "x": 1,,\n  }\n}`, 3],
    ["a list at the top", `[1, 2]`, 1],
  ])("%s is a UserError naming the file and line", (_name, text, line) => {
    expect(() => setJsonValue(text, ["mcpServers", "decp"], server, ".mcp.json")).toThrow(UserError);
    try {
      setJsonValue(text, ["mcpServers", "decp"], server, ".mcp.json");
    } catch (error) {
      expect((error as UserError).where).toEqual({ file: ".mcp.json", line });
    }
  });

  test("a parent that is not an object is refused", () => {
    expect(() => setJsonValue(`{"mcpServers": "x"}`, ["mcpServers", "decp"], server, ".mcp.json")).toThrow(
      '"mcpServers" is not a JSON object',
    );
  });
});

describe("upsertHookGroup", () => {
  const ours = (command: string) => command.includes("decp-hook.js");
  const group = (path: string) => ({
    matcher: "startup|resume|clear|compact",
    hooks: [{ type: "command", command: `'node' '${path}/decp-hook.js' session-start '/v'`, timeout: 10 }],
  });
  const user = { hooks: [{ type: "command", command: "echo mine" }] };

  test("the user's groups and other settings stay; decp's group is added", () => {
    const text = upsertHookGroup(
      JSON.stringify({ permissions: { allow: ["Bash(ls)"] }, hooks: { SessionStart: [user], Stop: [user] } }),
      "SessionStart",
      group("/a"),
      ours,
      "s.json",
    );
    expect(JSON.parse(text)).toEqual({
      permissions: { allow: ["Bash(ls)"] },
      hooks: { SessionStart: [user, group("/a")], Stop: [user] },
    });
  });

  test("run again: the same text; moved clone: the old decp hook is replaced, not duplicated", () => {
    const once = upsertHookGroup(undefined, "SessionStart", group("/a"), ours, "s.json");
    expect(upsertHookGroup(once, "SessionStart", group("/a"), ours, "s.json")).toBe(once);
    const moved = upsertHookGroup(once, "SessionStart", group("/b"), ours, "s.json");
    expect(JSON.parse(moved)).toEqual({ hooks: { SessionStart: [group("/b")] } });
  });

  test("a decp hook the user put in a group of their own leaves that group, their hooks stay", () => {
    const mixed = { hooks: [user.hooks[0], group("/old").hooks[0]] };
    const text = upsertHookGroup(
      JSON.stringify({ hooks: { SessionStart: [mixed] } }),
      "SessionStart",
      group("/a"),
      ours,
      "s.json",
    );
    expect(JSON.parse(text)).toEqual({ hooks: { SessionStart: [user, group("/a")] } });
  });

  test("a hooks entry that is not a list is refused", () => {
    expect(() =>
      upsertHookGroup(`{"hooks": {"SessionStart": {}}}`, "SessionStart", group("/a"), ours, "s.json"),
    ).toThrow(UserError);
  });
});
