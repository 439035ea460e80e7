// Protocol IDs: TYPE-NNN, uppercase, zero-padded to 3 digits (more when needed), unique in the vault
// and never reused. A high-water mark per type lives in the ID register note, so deleting the
// newest loop never frees its number.

import { parseNote, stringifyNote } from "../frontmatter";
import { UserError } from "../errors";
import { joinVaultPath, type VaultPort } from "../vault";

export const ID_TYPES = ["LOOP", "DECISION", "TASK", "HYPO", "CHECKPOINT"] as const;
export type IdType = (typeof ID_TYPES)[number];

const ID_PATTERN = /\b(LOOP|DECISION|TASK|HYPO|CHECKPOINT)-(\d{3,})\b/g;

export function formatId(type: IdType, n: number): string {
  return `${type}-${String(n).padStart(3, "0")}`;
}

export function parseId(text: string): { type: IdType; n: number } | null {
  const m = /^(LOOP|DECISION|TASK|HYPO|CHECKPOINT)-(\d{3,})$/.exec(text.trim().toUpperCase());
  return m ? { type: m[1] as IdType, n: Number(m[2]) } : null;
}

/** Highest number per type mentioned anywhere in `text` (note names, frontmatter ids, links). */
export function highestIdsIn(text: string): Partial<Record<IdType, number>> {
  const out: Partial<Record<IdType, number>> = {};
  for (const m of text.matchAll(ID_PATTERN)) {
    const type = m[1] as IdType;
    out[type] = Math.max(out[type] ?? 0, Number(m[2]));
  }
  return out;
}

export function idRegisterPath(protocolFolder: string): string {
  return joinVaultPath(protocolFolder, "ID register.md");
}

const REGISTER_BODY = `%% The ID register keeps the highest number ever issued per ID type, so an id is never
reused even after its note is deleted. The plugin and the decp CLI update it; edit it only to
raise a number. %%
`;

async function readRegister(vault: VaultPort, path: string): Promise<Partial<Record<IdType, number>>> {
  if (!(await vault.exists(path))) return {};
  const note = parseNote(await vault.read(path), path);
  const out: Partial<Record<IdType, number>> = {};
  for (const type of ID_TYPES) {
    const value = note.frontmatter[type.toLowerCase()];
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) {
      throw new UserError(
        `ID register has an invalid value for ${type.toLowerCase()}: ${JSON.stringify(value)}`,
        { file: path },
        "Set it to a whole number",
      );
    }
    out[type] = n;
  }
  return out;
}

/**
 * Issues `count` fresh ids of `type`: above both the register's high-water mark and every id that
 * appears in the vault's note paths (covers notes created before the register existed), then
 * raises the mark. `taken` adds ids known to be in use that may not be on disk yet.
 */
export async function issueIds(
  vault: VaultPort,
  protocolFolder: string,
  type: IdType,
  count: number,
  taken: Iterable<string> = [],
): Promise<string[]> {
  const path = idRegisterPath(protocolFolder);
  const register = await readRegister(vault, path);
  const paths = await vault.list();
  let high = Math.max(
    register[type] ?? 0,
    highestIdsIn(paths.join("\n"))[type] ?? 0,
    highestIdsIn([...taken].join("\n"))[type] ?? 0,
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(formatId(type, ++high));
  await raiseHighWater(vault, path, type, high);
  return ids;
}

/** Peeks at the next id without issuing it (for previews such as the template variable). */
export async function peekNextId(vault: VaultPort, protocolFolder: string, type: IdType): Promise<string> {
  const register = await readRegister(vault, idRegisterPath(protocolFolder));
  const paths = await vault.list();
  const high = Math.max(register[type] ?? 0, highestIdsIn(paths.join("\n"))[type] ?? 0);
  return formatId(type, high + 1);
}

async function raiseHighWater(vault: VaultPort, path: string, type: IdType, high: number): Promise<void> {
  const key = type.toLowerCase();
  if (!(await vault.exists(path))) {
    await vault.write(path, stringifyNote({ type: "protocol", [key]: high }, REGISTER_BODY));
    return;
  }
  await vault.processFrontMatter(path, (fm) => {
    fm[key] = Math.max(Number(fm[key] ?? 0) || 0, high);
  });
}
