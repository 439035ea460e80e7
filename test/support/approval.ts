// The one approval helper: generated Markdown is compared with test/approved/<name>.md (a name may hold
// a folder, "context/decision-record"). A missing or different file writes <name>.received.md beside
// it and fails; a reviewer reads the received file and approves it by renaming it over the approved one.

import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(__dirname, "..", "approved");

export function expectApproved(name: string, actual: string): void {
  const approved = join(DIR, `${name}.md`);
  const received = join(DIR, `${name}.received.md`);
  if (existsSync(approved) && readFileSync(approved, "utf8") === actual) {
    rmSync(received, { force: true });
    return;
  }
  writeFileSync(received, actual);
  expect(actual).toBe(
    existsSync(approved) ? readFileSync(approved, "utf8") : `(no approved file test/approved/${name}.md)`,
  );
}
