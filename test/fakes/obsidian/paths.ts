// Obsidian's path helpers: normalizePath and getLinkpath.

/** Same rules as Obsidian: forward slashes, no duplicate or edge slashes, NBSP to space, "/" for empty. */
export function normalizePath(path: string): string {
  let out = path.replace(/[\\/]+/g, "/").replace(/\u00a0|\u202f/g, " ");
  out = out.replace(/^\/+|\/+$/g, "");
  if (out === "") out = "/";
  return out.normalize("NFC");
}

/** The file part of a link, without #heading or #^block. */
export function getLinkpath(linktext: string): string {
  const hash = linktext.indexOf("#");
  return hash < 0 ? linktext : linktext.slice(0, hash);
}
