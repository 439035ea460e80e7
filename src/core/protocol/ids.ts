// Protocol IDs: TYPE-NNN, uppercase, zero-padded to 3 digits (six at most), unique in the vault and
// never reused, whichever process asks: the plugin, the MCP server and any number of CLI processes.
// Every id is reserved by creating `.decp/reserved/ids/<ID>` exclusively (VaultPort.createExclusive),
// so two writers can never both get one. The ID register note keeps the high-water mark of the ids
// decp issued; fresh ids start above it and step over any id that is reserved or named by a note.

import { parseNote, stringifyNote } from "../frontmatter";
import { UserError } from "../errors";
import { joinVaultPath, type VaultPort } from "../vault";

export const ID_TYPES = ["LOOP", "DECISION", "TASK", "HYPO", "CHECKPOINT"] as const;
export type IdType = (typeof ID_TYPES)[number];

/** Ids have at most six digits: an agent's LOOP-9007199254740992 or LOOP-1e23 is renumbered. */
export const MAX_ID_NUMBER = 999_999;
/** Where reservations live: a hidden folder, so Obsidian and the vault listing never show them. */
export const RESERVATIONS_FOLDER = ".decp/reserved";

const ID_PATTERN = /\b(LOOP|DECISION|TASK|HYPO|CHECKPOINT)-(\d{3,})\b/g;

export function formatId(type: IdType, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_ID_NUMBER) throw new RangeError(`No ${type} id ${n}`);
  return `${type}-${String(n).padStart(3, "0")}`;
}

export function parseId(text: string): { type: IdType; n: number } | null {
  const m = /^(LOOP|DECISION|TASK|HYPO|CHECKPOINT)-(\d{3,})$/.exec(text.trim().toUpperCase());
  return m ? { type: m[1] as IdType, n: Number(m[2]) } : null;
}

/** Numbers of `type` named anywhere in `text` (note names, links), within the six-digit range. */
function idNumbersIn(text: string, type: IdType): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(ID_PATTERN)) {
    const n = Number(m[2]);
    if (m[1] === type && n >= 1 && n <= MAX_ID_NUMBER) out.add(n);
  }
  return out;
}

export function idRegisterPath(protocolFolder: string): string {
  return joinVaultPath(protocolFolder, "ID register.md");
}

const REGISTER_BODY = `%% The ID register keeps the highest number decp ever issued per ID type, so an id is never
reused even after its note is deleted. The plugin, the MCP server and the decp CLI update it; ids are
reserved in .decp/reserved/ids. Edit it only to raise a number. %%
`;

async function readRegister(vault: VaultPort, path: string): Promise<Partial<Record<IdType, number>>> {
  if (!(await vault.exists(path))) return {};
  const note = parseNote(await vault.read(path), path);
  const out: Partial<Record<IdType, number>> = {};
  for (const type of ID_TYPES) {
    const value = note.frontmatter[type.toLowerCase()];
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_ID_NUMBER) {
      throw new UserError(
        `ID register has an invalid value for ${type.toLowerCase()}: ${JSON.stringify(value)}`,
        { file: path },
        `Set it to a whole number from 0 to ${MAX_ID_NUMBER}`,
      );
    }
    out[type] = n;
  }
  return out;
}

interface IdState {
  registerPath: string;
  /** Highest number decp issued; a vault from before the register is seeded from its notes. */
  high: number;
  registered: boolean;
  /** Numbers some note's path names (agent-chosen ids above the mark among them). */
  named: Set<number>;
}

async function idState(vault: VaultPort, protocolFolder: string, type: IdType): Promise<IdState> {
  const registerPath = idRegisterPath(protocolFolder);
  const register = await readRegister(vault, registerPath);
  const named = idNumbersIn((await vault.list()).join("\n"), type);
  const registered = register[type] !== undefined;
  return { registerPath, high: register[type] ?? Math.max(0, ...named), registered, named };
}

function reservationPath(id: string): string {
  return `${RESERVATIONS_FOLDER}/ids/${id}`;
}

/**
 * Issues `count` fresh ids of `type`: the lowest numbers above the register's mark that no note names,
 * `taken` does not hold and no other writer has reserved; then raises the mark to the last one.
 */
export async function issueIds(
  vault: VaultPort,
  protocolFolder: string,
  type: IdType,
  count: number,
  taken: Iterable<string> = [],
): Promise<string[]> {
  if (count === 0) return [];
  const state = await idState(vault, protocolFolder, type);
  const skip = new Set([...state.named, ...idNumbersIn([...taken].join("\n"), type)]);
  const ids: string[] = [];
  let n = state.high;
  while (ids.length < count) {
    n++;
    if (n > MAX_ID_NUMBER)
      throw new UserError(`Every ${type} id up to ${MAX_ID_NUMBER} is used`, { file: state.registerPath });
    if (skip.has(n)) continue;
    const id = formatId(type, n);
    if (await vault.createExclusive(reservationPath(id), "")) ids.push(id);
  }
  await raiseHighWater(vault, state.registerPath, type, n);
  return ids;
}

export type IdClaim = { id: string } | { reason: string };

/**
 * Claims an id an agent chose: honoured only within six digits, above every id decp issued, named by
 * no note and reserved by nobody else. The register's mark does not move (an agent's LOOP-500 must not
 * push every later loop past 500); fresh ids step over it when they get there.
 */
export async function claimId(
  vault: VaultPort,
  protocolFolder: string,
  type: IdType,
  wanted: string,
): Promise<IdClaim> {
  const parsed = parseId(wanted);
  if (!parsed || parsed.type !== type) return { reason: `not a ${type}-NNN id` };
  if (parsed.n > MAX_ID_NUMBER) return { reason: `beyond ${String(MAX_ID_NUMBER).length} digits` };
  if (parsed.n < 1) return { reason: "not a positive number" };
  const state = await idState(vault, protocolFolder, type);
  if (parsed.n <= state.high) return { reason: "already taken in the vault" };
  if (state.named.has(parsed.n)) return { reason: "already taken in the vault" };
  const id = formatId(type, parsed.n);
  if (!(await vault.createExclusive(reservationPath(id), ""))) return { reason: "already taken in the vault" };
  // A vault from before the register: write the seeded mark now, or this id would raise it later.
  if (!state.registered) await raiseHighWater(vault, state.registerPath, type, state.high);
  return { id };
}

/** Peeks at the next id without reserving it (for previews such as the template variable). */
export async function peekNextId(vault: VaultPort, protocolFolder: string, type: IdType): Promise<string> {
  const state = await idState(vault, protocolFolder, type);
  let n = state.high + 1;
  while (state.named.has(n)) n++;
  return formatId(type, Math.min(n, MAX_ID_NUMBER));
}

/** Raise-only: a mark another writer raised further meanwhile stays where it is. */
async function raiseHighWater(vault: VaultPort, path: string, type: IdType, high: number): Promise<void> {
  const key = type.toLowerCase();
  if (!(await vault.exists(path))) {
    if (await vault.createExclusive(path, stringifyNote({ type: "protocol", [key]: high }, REGISTER_BODY))) return;
  }
  await vault.processFrontMatter(path, (fm) => {
    fm[key] = Math.max(Number(fm[key] ?? 0) || 0, high);
  });
}
