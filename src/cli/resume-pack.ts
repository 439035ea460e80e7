// The resume pack as `decp resume` builds it, shared with the SessionStart hook (dist/decp-hook.js) so
// the two can never print different texts.

import { openTokenTally } from "../core/context";
import { buildResumePack, type ResumePack } from "../core/session";
import { openCliVault } from "./cli-context";
import { TokenCacheFile } from "./token-cache-file";
import { lazyTokenCounter } from "./token-counter";

/** `budget` undefined means the vault's settings budget. */
export async function cliResumePack(root: string, budget?: number): Promise<ResumePack> {
  const { vault, settings, daily } = await openCliVault(root);
  // Counts go through the token cache: sections unchanged since the last resume need no tokenizer.
  const tally = await openTokenTally(
    vault,
    settings,
    new TokenCacheFile(vault.root),
    lazyTokenCounter(settings.encoding),
  );
  const pack = await buildResumePack(vault, settings, {
    budget: budget ?? settings.budget,
    count: (t) => tally.countText(t),
    daily,
  });
  await tally.persist();
  return pack;
}
