// A re-import trusts the notes the last import left only while MODEL_NOTE_FORMAT is unchanged (see
// src/core/dbt/import-state.ts). This test pins the rendering of a real project to that number:
// when it fails, the import writes different notes now, so bump MODEL_NOTE_FORMAT in model-note.ts
// and record the new hash here; otherwise vaults imported before would keep their old notes.

import { cacheKey } from "../../../src/core/content-hash";
import { importDbtProject, MODEL_NOTE_FORMAT, readManifest } from "../../../src/core/dbt";
import { DEFAULT_SETTINGS } from "../../../src/core/settings";
import { MemoryVault } from "../../../src/demo/memory-vault";
import { fixtureManifest } from "./fixtures";

test("the rendered model notes are those of MODEL_NOTE_FORMAT", async () => {
  const vault = new MemoryVault();
  const file = "jaffle_shop_v12_dbt1.11.json";
  await importDbtProject(vault, DEFAULT_SETTINGS, readManifest(fixtureManifest(file), file));
  const notes: string[] = [];
  for (const path of await vault.list()) notes.push(`${path}\n${await vault.read(path)}`);
  expect({ format: MODEL_NOTE_FORMAT, rendered: cacheKey(notes.join("\0")) }).toEqual({
    format: 2,
    rendered: "19839fb9155256-b7d7",
  });
});
