// OAuth2 authorization code against the fake server's token endpoint over real HTTP.

import { nodeHttp } from "../../../src/cli/node-http";
import { UserError } from "../../../src/core/errors";
import { buildAuthorizeUrl, codeFromRedirect, exchangeCode, newOAuthState } from "../../../src/core/ticktick";
import { FakeTickTickServer } from "../../fakes/ticktick-server";

let server: FakeTickTickServer;
beforeAll(async () => (server = await FakeTickTickServer.start()));
afterAll(async () => server.stop());

test("the authorize URL asks for both scopes and carries state and redirect", () => {
  const url = new URL(
    buildAuthorizeUrl({ clientId: "abc", redirectUri: "http://127.0.0.1:8765/callback", state: "s1" }),
  );
  expect(url.origin + url.pathname).toBe("https://ticktick.com/oauth/authorize");
  expect(Object.fromEntries(url.searchParams)).toEqual({
    client_id: "abc",
    scope: "tasks:read tasks:write",
    state: "s1",
    redirect_uri: "http://127.0.0.1:8765/callback",
    response_type: "code",
  });
});

test.each([
  ["http://127.0.0.1:8765/callback?code=c1&state=s1", "c1"],
  ["  http://127.0.0.1:8765/callback?state=s1&code=c2  ", "c2"],
])("a pasted redirect %s gives its code", (url, code) => {
  expect(codeFromRedirect(url, "s1")).toBe(code);
});

test.each([
  ["http://127.0.0.1/callback?code=c1&state=other", /state mismatch/],
  ["http://127.0.0.1/callback?code=c1", /state mismatch/],
  ["http://127.0.0.1/callback?error=access_denied&state=s1", /refused/],
  ["http://127.0.0.1/callback?state=s1", /no authorization code/],
  ["not a url", /not a URL/],
])("a redirect %s is refused", (url, message) => {
  expect(() => codeFromRedirect(url, "s1")).toThrow(UserError);
  expect(() => codeFromRedirect(url, "s1")).toThrow(message);
});

test("states are fresh and unguessable", () => {
  const states = new Set(Array.from({ length: 50 }, newOAuthState));
  expect(states.size).toBe(50);
  expect([...states][0]).toMatch(/^[0-9a-f]{32}$/);
});

test("the code is exchanged with Basic client credentials and a form body", async () => {
  const token = await exchangeCode(nodeHttp, {
    clientId: "client-1",
    clientSecret: "secret-1",
    code: "code-1",
    redirectUri: "http://127.0.0.1/cb",
    tokenUrl: server.origin + "/oauth/token",
  });
  expect(token).toBe(server.token);
  const sent = server.requests.at(-1)!;
  expect(new URLSearchParams(sent.body).get("grant_type")).toBe("authorization_code");
});

test("a wrong secret or code is a clear error", async () => {
  await expect(
    exchangeCode(nodeHttp, {
      clientId: "client-1",
      clientSecret: "wrong",
      code: "code-1",
      redirectUri: "x",
      tokenUrl: server.origin + "/oauth/token",
    }),
  ).rejects.toThrow(/did not issue a token \(HTTP 401\)/);
  await expect(
    exchangeCode(nodeHttp, {
      clientId: "client-1",
      clientSecret: "secret-1",
      code: "bad",
      redirectUri: "x",
      tokenUrl: server.origin + "/oauth/token",
    }),
  ).rejects.toThrow(/HTTP 400/);
});
