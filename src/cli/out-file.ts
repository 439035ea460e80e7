// Files the CLI writes where the user says (`decp pack --out`): into an existing folder only, never
// over an existing file unless --force says so, and a clear one-line error instead of a stack.

import { statSync, writeFileSync } from "node:fs";
import * as nodePath from "node:path";
import { UserError } from "../core/errors";

/** Checks an --out target before any work is done; the write itself checks again. */
export function checkOutFile(out: string, force = false): void {
  const folder = nodePath.dirname(nodePath.resolve(out));
  const folderStat = statSync(folder, { throwIfNoEntry: false });
  if (!folderStat?.isDirectory())
    throw new UserError(
      `The folder for --out "${out}" does not exist`,
      { file: out },
      "Nothing was written; create the folder first, or choose another path",
    );
  const stat = statSync(nodePath.resolve(out), { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new UserError(`--out "${out}" is a folder`, { file: out }, "Nothing was written; give a file name");
  if (stat && !force)
    throw new UserError(
      `--out "${out}" already exists`,
      { file: out },
      "Nothing was written; pass --force to replace it, or choose another file",
    );
}

/** Writes the file: exclusively unless `force` (a file that appeared since the check is not replaced). */
export function writeOutFile(out: string, text: string, force = false): void {
  checkOutFile(out, force);
  try {
    writeFileSync(nodePath.resolve(out), text, { encoding: "utf8", flag: force ? "w" : "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") checkOutFile(out, force);
    throw new UserError(
      `--out "${out}" cannot be written (${code ?? (error as Error).message})`,
      { file: out },
      "Nothing was written; check the path and its permissions",
    );
  }
}
