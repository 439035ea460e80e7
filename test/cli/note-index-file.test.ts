// The index's files on disk: saving the lineage as text lets go of the JSON an earlier version saved.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NoteIndexFile } from "../../src/cli/note-index-file";

let root: string;
const cache = (file: string) => join(root, ".decp", "cache", file);

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "decp-index-file-"));
  mkdirSync(join(root, ".decp", "cache"), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

test("saving the lineage text removes the old vault-lineage.json, and nothing else", async () => {
  writeFileSync(cache("vault-lineage.json"), '{"format":1,"nodes":[]}');
  writeFileSync(cache("vault-pack.json"), '{"stamp":"s","value":{}}');
  const store = new NoteIndexFile(root);
  await store.loadDerivedBytes("lineage");
  expect(existsSync(cache("vault-lineage.json"))).toBe(true);
  await store.saveDerivedText("lineage", "head\ntail");
  expect(readFileSync(cache("vault-lineage.txt"), "utf8")).toBe("head\ntail");
  expect(existsSync(cache("vault-lineage.json"))).toBe(false);
  expect(existsSync(cache("vault-pack.json"))).toBe(true);
});
