// The stdin guard of the MCP server: lines within the limit pass whole; a longer one is dropped as it
// streams and reported with its JSON-RPC id, and the lines after it still pass.

import { RequestSizeGuard, TopLevelIdScanner, type RequestId } from "../../../src/cli/mcp/request-limit";

async function through(chunks: string[], limit: number): Promise<{ lines: string[]; oversize: [RequestId, number][] }> {
  const oversize: [RequestId, number][] = [];
  const guard = new RequestSizeGuard((id, bytes) => oversize.push([id, bytes]), limit);
  const out: Buffer[] = [];
  guard.on("data", (chunk: Buffer) => out.push(chunk));
  for (const chunk of chunks) guard.write(Buffer.from(chunk));
  guard.end();
  await new Promise((resolve) => guard.on("end", resolve));
  return { lines: Buffer.concat(out).toString("utf8").split("\n").filter(Boolean), oversize };
}

test("lines within the limit pass whole, however they are chunked", async () => {
  const result = await through(['{"id":1}\n{"i', 'd":2}\n', '{"id":3}\n'], 20);
  expect(result).toEqual({ lines: ['{"id":1}', '{"id":2}', '{"id":3}'], oversize: [] });
});

test("an oversized line is dropped and reported with its id; the next line passes", async () => {
  const big = `{"jsonrpc":"2.0","method":"tools/call","params":{"id":"inner","text":"${"x".repeat(500)}"},"id":42}`;
  const result = await through([big.slice(0, 100), big.slice(100), '\n{"id":43}\n'], 200);
  expect(result.oversize).toEqual([[42, big.length]]);
  expect(result.lines).toEqual(['{"id":43}']);
});

test.each([
  ['{"id":"a-1","params":{"x":1}}', "a-1"],
  ['{ "params": {"id": 9, "t": "\\"id\\": 3"}, "id" : 7 }', 7],
  ['{"method":"x","id":"é"}', "é"],
  ['{"method":"notifications/x"}', undefined],
  ['{"id":{"bad":1}}', undefined],
])("the top-level id of %s is %j", (json, id) => {
  const scanner = new TopLevelIdScanner();
  for (const byte of Buffer.from(json)) scanner.feed(Uint8Array.of(byte));
  expect(scanner.id).toEqual(id);
});
