// Where the TickTick token may go: settings choose an official service; the environment may name a
// test server or proxy, over https or to this machine only.

import { UserError } from "../../../src/core/errors";
import { environmentApiBase, syncApiBase } from "../../../src/core/ticktick";

test.each([
  ["", undefined, "https://api.ticktick.com/open/v1"],
  ["https://api.ticktick.com/open/v1", undefined, "https://api.ticktick.com/open/v1"],
  ["https://api.dida365.com/open/v1/", undefined, "https://api.dida365.com/open/v1"],
  ["https://evil.example/x", "http://127.0.0.1:4567/open/v1", "http://127.0.0.1:4567/open/v1"],
  ["", "https://proxy.corp.example/ticktick", "https://proxy.corp.example/ticktick"],
  ["", "http://localhost:80/open/v1", "http://localhost/open/v1"],
])("settings %j with env %j send the token to %s", (settings, env, expected) => {
  expect(syncApiBase(settings, env)).toBe(expected);
});

test.each([
  [
    "http://127.0.0.1:4567/x",
    undefined,
    /settings may only choose https:\/\/api\.ticktick\.com\/open\/v1 or https:\/\/api\.dida365\.com\/open\/v1/,
  ],
  ["http://api.ticktick.com/open/v1", undefined, /settings may only choose/],
  ["https://api.ticktick.com.evil.example/open/v1", undefined, /settings may only choose/],
  ["", "http://proxy.corp.example/ticktick", /would send the token in the clear/],
  ["", "http://127.0.0.1.evil.example/", /would send the token in the clear/],
  ["", "https://user:pw@proxy.example/", /would send the token in the clear/],
  ["", "not a url", /is not a URL/],
])("settings %j with env %j are refused before any request", (settings, env, message) => {
  expect(() => syncApiBase(settings, env)).toThrow(UserError);
  expect(() => syncApiBase(settings, env)).toThrow(message);
});

test("an environment base is normalised without its trailing slash", () => {
  expect(environmentApiBase(" https://api.ticktick.com/open/v1/ ")).toBe("https://api.ticktick.com/open/v1");
});
