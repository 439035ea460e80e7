// Ids for `{{next_id:TYPE}}`: peeked for a preview, issued (never reused) when a note is created.

import { issueIds, peekNextId, type IdType } from "../protocol";
import type { VaultPort } from "../vault";
import { idTypesIn } from "./render";

export async function resolveTemplateIds(
  text: string,
  vault: VaultPort,
  protocolFolder: string,
  mode: "peek" | "issue",
): Promise<Partial<Record<IdType, string>>> {
  const ids: Partial<Record<IdType, string>> = {};
  for (const type of idTypesIn(text)) {
    ids[type] =
      mode === "peek"
        ? await peekNextId(vault, protocolFolder, type)
        : (await issueIds(vault, protocolFolder, type, 1))[0];
  }
  return ids;
}
