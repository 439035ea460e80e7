// What the fault matrix's three files share (issue #13): the shape of a row, the folders every row gets
// fresh (the vault it attacks and a folder outside it), and the table of tests, one a row.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A reproduction: the bullet it belongs to, the attack, and the promise a user sees. */
export interface FaultRow {
  bullet: string;
  attack: string;
  promise: string;
  check: () => Promise<void>;
}

export interface FaultFolders {
  /** The vault the row attacks. */
  root: string;
  /** A folder outside the vault: links point at it, and nothing may be written there. */
  outside: string;
}

export interface FaultFolderHooks {
  /** Receives each row's fresh folders (the test file keeps them in its own variables). */
  use(folders: FaultFolders): void;
  /** Lets go of what holds the folders (servers, plugins) before they are removed. */
  release?(): Promise<void> | void;
}

/** Fresh folders for every row, removed after it. */
export function faultFolders(makeRoot: () => Promise<string> | string, hooks: FaultFolderHooks): void {
  let folders: FaultFolders | null = null;
  beforeEach(async () => {
    folders = { root: await makeRoot(), outside: mkdtempSync(join(tmpdir(), "decp-outside-")) };
    hooks.use(folders);
  });
  afterEach(async () => {
    await hooks.release?.();
    if (folders) for (const dir of [folders.root, folders.outside]) rmSync(dir, { recursive: true, force: true });
    folders = null;
  });
}

/** One test a row, named by its bullet, attack and promise; `after` adds what every row must keep. */
export function testFaultRows(rows: FaultRow[], after?: () => void): void {
  test.each(rows)("$bullet: $attack -> $promise", async (row) => {
    await row.check();
    after?.();
  });
}
