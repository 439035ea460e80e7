// The resume pack as `decp resume` builds it, shared with the SessionStart hook (dist/decp-hook.js) so
// the two can never print different texts.

import { createTokenCounter } from "../core/context";
import { buildResumePack, type ResumePack } from "../core/session";
import { openCliVault } from "./cli-context";

/** `budget` undefined means the vault's settings budget. */
export async function cliResumePack(root: string, budget?: number): Promise<ResumePack> {
  const { vault, settings, daily } = await openCliVault(root);
  const counter = await createTokenCounter(settings.encoding);
  return buildResumePack(vault, settings, {
    budget: budget ?? settings.budget,
    count: (t) => counter.count(t),
    daily,
  });
}
