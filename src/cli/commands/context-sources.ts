// What the CLI plugs into packs and selections from other areas (dbt lineage, loops, templates).

import type { DbtNoteSelector, PackSourceOptions } from "../../core/context";
import type { DecpSettings } from "../../core/settings";
import type { VaultPort } from "../../core/vault";

export function cliDbtSelector(_vault: VaultPort, _settings: DecpSettings): DbtNoteSelector | undefined {
  return undefined;
}

export function cliPackOptions(): Omit<PackSourceOptions, "store"> {
  return {};
}
