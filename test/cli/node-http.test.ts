// nodeHttp over real sockets: every status is an answer, and a request whose answer never comes is
// given up after its time-out. The server here never answers at all, so nothing races the timer.

import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { nodeHttp } from "../../src/cli/node-http";

let server: Server;
let base: string;
const withheld: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/hang") return void withheld.push(res);
    res.writeHead(req.url === "/missing" ? 404 : 200, { "X-Answer": "yes" });
    res.end(req.url === "/missing" ? "" : "hello");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of withheld) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test("an HTTP error status is an answer, not an exception", async () => {
  const ok = await nodeHttp.request({ url: `${base}/`, method: "GET" });
  expect(ok).toMatchObject({ status: 200, text: "hello" });
  expect(ok.headers["x-answer"]).toBe("yes");
  expect(await nodeHttp.request({ url: `${base}/missing`, method: "GET" })).toMatchObject({ status: 404, text: "" });
});

test("a request that never gets an answer is given up after its time-out", async () => {
  const request = nodeHttp.request({ url: `${base}/hang`, method: "POST", body: "{}", timeoutMs: 200 });
  await expect(request).rejects.toMatchObject({ name: "AbortError" });
});
