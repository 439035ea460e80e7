// Writes a note decp generates (session summary, PR narrative). A re-run replaces it only while it
// is exactly as decp wrote it (a fingerprint of the body sits in the frontmatter); a note the user
// edited is never overwritten.

import { shortFingerprint } from "../content-hash";
import { UserError } from "../errors";
import { parseNote, stringifyNote, type Frontmatter } from "../frontmatter";
import type { VaultPort } from "../vault";
import { applyPlan, emptyPlan, planWrite } from "../write-plan";

export function renderGeneratedNote(frontmatter: Frontmatter, body: string): string {
  return stringifyNote({ ...frontmatter, fingerprint: shortFingerprint(body) }, body);
}

export interface GeneratedWrite {
  path: string;
  status: "created" | "updated" | "unchanged";
}

export async function writeGeneratedNote(vault: VaultPort, path: string, text: string): Promise<GeneratedWrite> {
  const plan = emptyPlan();
  if (await vault.exists(path)) {
    const existing = await vault.read(path);
    const note = parseNote(existing, path);
    const fm = note.frontmatter;
    if (fm.fingerprint !== shortFingerprint(note.body)) {
      throw new UserError(
        `"${path}" was edited after decp wrote it`,
        { file: path },
        "Nothing was written; rename or move your edited note and run again",
      );
    }
    // Only the generated time differs: keep the note as it is.
    const strip = (t: string): string => t.replace(/^generated: .*$/m, "");
    if (strip(existing) === strip(text)) return { path, status: "unchanged" };
    planWrite(plan, path, text, "regenerated", existing);
    await applyPlan(vault, plan);
    return { path, status: "updated" };
  }
  planWrite(plan, path, text, "generated");
  await applyPlan(vault, plan);
  return { path, status: "created" };
}
