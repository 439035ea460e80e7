// Runs bench/out/child.cjs (or another built script) in a fresh Node process and parses its JSON line.

import { execFileSync } from "node:child_process";
import { join } from "node:path";

export function runChild<T>(script: string, args: string[], nodeFlags: string[] = []): T {
  const out = execFileSync(process.execPath, [...nodeFlags, join(__dirname, script), ...args], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = out.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as T;
}
