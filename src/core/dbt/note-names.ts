// Where each node's note goes and what it is called: basename = node name so [[name]] resolves,
// characters that break file names or wikilinks replaced, clashes resolved deterministically.

import { UserError } from "../errors";
import { safeName } from "../names";
import { joinVaultPath, normalizeVaultPath } from "../vault";
import type { LineageNode } from "./graph";

/** A node or folder name as a note name: see core/names (cut long names keep a hash of the original). */
export function safeNoteName(name: string): string {
  return safeName(name, { replacement: "_" });
}

/** The name before clash resolution: models/seeds/snapshots by name, sources as `source_name.table`. */
function preferredName(node: LineageNode): string {
  if (node.resourceType === "source") return `${node.sourceName ?? node.fqn[node.fqn.length - 2]}.${node.name}`;
  return node.name;
}

/**
 * Note basenames for every node, unique case-insensitively (file systems and Obsidian links both fold
 * case). The root package keeps plain names; the latest (or unversioned) model keeps the plain name,
 * older versions get ` v<N>`; other packages get ` (package)`; anything still clashing gets its
 * resource type, then a counter, in unique_id order.
 */
export function assignNoteNames(
  nodes: LineageNode[],
  rootPackage: string,
  latestVersion: Map<string, string>,
): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const ordered = [...nodes].sort(
    (a, b) =>
      rank(a, rootPackage, latestVersion) - rank(b, rootPackage, latestVersion) || (a.uniqueId < b.uniqueId ? -1 : 1),
  );
  for (const node of ordered) {
    const base = safeNoteName(preferredName(node));
    const candidates = [base];
    if (node.version !== undefined)
      candidates.unshift(...(isLatest(node, latestVersion) ? [base] : []), `${base} v${safeNoteName(node.version)}`);
    if (node.packageName !== rootPackage) candidates.push(`${base} (${safeNoteName(node.packageName)})`);
    candidates.push(`${base} (${node.resourceType})`);
    let chosen = candidates.find((c) => !taken.has(c.toLowerCase()));
    for (let n = 2; chosen === undefined; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) chosen = `${base} ${n}`;
    taken.add(chosen.toLowerCase());
    names.set(node.uniqueId, chosen);
  }
  return names;
}

/** Macro note basenames: the macro's name unless a node's note (or another macro) has it, then `name (macro)`. */
export function assignMacroNoteNames(
  macros: ReadonlyArray<{ uniqueId: string; name: string }>,
  nodeNames: Iterable<string>,
): Map<string, string> {
  const taken = new Set([...nodeNames].map((n) => n.toLowerCase()));
  const names = new Map<string, string>();
  for (const macro of [...macros].sort((a, b) => (a.uniqueId < b.uniqueId ? -1 : 1))) {
    const base = safeNoteName(macro.name);
    let chosen = [base, `${base} (macro)`].find((c) => !taken.has(c.toLowerCase()));
    for (let n = 2; chosen === undefined; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) chosen = `${base} ${n}`;
    taken.add(chosen.toLowerCase());
    names.set(macro.uniqueId, chosen);
  }
  return names;
}

function isLatest(node: LineageNode, latestVersion: Map<string, string>): boolean {
  const latest = latestVersion.get(`${node.packageName}.${node.name}`);
  return latest !== undefined && latest === node.version;
}

/** Lower ranks choose names first: root-package, unversioned or latest nodes keep plain names. */
function rank(node: LineageNode, rootPackage: string, latestVersion: Map<string, string>): number {
  let r = node.packageName === rootPackage ? 0 : 4;
  if (node.version !== undefined && !isLatest(node, latestVersion)) r += 2;
  if (node.resourceType !== "model") r += 1;
  return r;
}

/**
 * The note's vault path: `<dbtFolder>/<project>/` + the folder of original_file_path (other packages
 * under `dbt_packages/<package>/`, as dbt installs them) + basename. A path that would leave the
 * folder is a UserError naming the node.
 */
export function notePathFor(
  node: Pick<LineageNode, "uniqueId" | "path" | "packageName">,
  noteName: string,
  dbtFolder: string,
  rootPackage: string,
): string {
  const folderOfFile = node.path.includes("/") ? node.path.slice(0, node.path.lastIndexOf("/")) : "";
  let relative: string;
  try {
    relative = normalizeVaultPath(folderOfFile.replace(/\\/g, "/"));
    if (node.path.split(/[\\/]/).includes("..")) throw new UserError("escapes");
  } catch {
    throw new UserError(
      `${node.uniqueId} has the path "${node.path}", which would leave the project folder`,
      { token: node.uniqueId },
      "Fix original_file_path in the manifest; nothing was written",
    );
  }
  const packagePart = node.packageName === rootPackage ? "" : `dbt_packages/${safeNoteName(node.packageName)}`;
  // Each folder made safe too: a `.hidden` folder would be invisible to the next import's listing.
  const folders = relative === "" ? "" : relative.split("/").map(safeNoteName).join("/");
  return joinVaultPath(dbtFolder, safeNoteName(rootPackage), packagePart, folders, `${noteName}.md`);
}
