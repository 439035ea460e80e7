// The README discloses everything the plugin does outside the vault: every network access and every
// file it reads or writes elsewhere. The places in src/obsidian that can do so are found here from
// the code, so a new one fails this test until the README names it.

import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { LOOPBACK_PORT } from "../../src/obsidian/ticktick/loopback";

const root = join(__dirname, "..", "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test("the plugin's ways out of the vault are exactly the ones the README discloses", () => {
  const reach: Record<string, string[]> = {};
  for (const file of sources(join(root, "src", "obsidian"))) {
    const text = readFileSync(file, "utf8");
    const found = [
      ...[...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => `node:${m[1]}`),
      ...(/\bwindow as unknown as \{ require/.test(text) || /\.require\b/.test(text) ? ["node:window.require"] : []),
      ...(/\brequestUrl\(/.test(text) ? ["network:requestUrl"] : []),
      ...(/\.adapter\b/.test(text) ? ["files:vault.adapter"] : []),
    ];
    if (found.length > 0) reach[relative(join(root, "src", "obsidian"), file)] = [...new Set(found)].sort();
  }
  expect(reach).toEqual({
    "context/token-cache-file.ts": ["files:vault.adapter"],
    "dbt/desktop-files.ts": ["node:window.require"],
    "desktop-disk.ts": ["files:vault.adapter", "node:window.require"],
    "obsidian-vault.ts": ["files:vault.adapter"],
    "settings/settings-sources.ts": ["files:vault.adapter"],
    "ticktick/http-port.ts": ["network:requestUrl"],
    "ticktick/loopback.ts": ["node:http"],
  });
});

test("the README names each of them: TickTick's API, the redirect listener, dbt files on disk, .decp files, reservations", () => {
  const disclosed = section("Network use and files outside the vault");
  expect(disclosed).toContain(new URL(DEFAULT_SETTINGS.ticktick.apiBase).host);
  expect(disclosed).toContain(`127.0.0.1:${LOOPBACK_PORT}`);
  expect(disclosed).toContain("Manifest path");
  expect(disclosed).toContain("Project path");
  expect(disclosed).toContain(".decp/cache/tokens-");
  expect(disclosed).toContain(".decp/settings.json");
  expect(disclosed).toContain(".decp/reserved/");
});
