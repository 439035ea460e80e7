// Reading a manifest or a dbt project outside the vault, on desktop only: Obsidian's desktop app
// exposes Node's fs through window.require; mobile has no such thing, so callers check first.

import { Platform } from "obsidian";
import { UserError } from "../../core/errors";
import type { ProjectFiles } from "../../core/dbt";

interface DirEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

interface DesktopFs {
  readFile(path: string, encoding: "utf8"): Promise<string>;
  readdir(path: string, options: { withFileTypes: true }): Promise<DirEntry[]>;
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
}

export function desktopFs(): DesktopFs | null {
  if (!Platform.isDesktopApp) return null;
  const load = (window as unknown as { require?: (module: string) => { promises: DesktopFs } }).require;
  return load ? load("fs").promises : null;
}

export async function readDesktopFile(fs: DesktopFs, path: string): Promise<string> {
  try {
    return await fs.readFile(path, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserError(
      code === "ENOENT" ? `"${path}" does not exist` : `"${path}" cannot be read (${code ?? "unknown error"})`,
      { file: path },
      "Check the dbt path in the settings",
    );
  }
}

/** The dbt project folder as the read-only port core reads a project through. */
export function desktopProjectFiles(fs: DesktopFs, root: string): ProjectFiles {
  const base = root.replace(/[\\/]+$/, "");
  const full = (path: string): string => (path === "" ? base : `${base}/${path}`);
  return {
    exists: async (path) => (await fs.stat(full(path)).catch(() => null))?.isFile() ?? false,
    read: (path) => readDesktopFile(fs, full(path)),
    list: async (folder = "") => {
      const out: string[] = [];
      const walk = async (relative: string): Promise<void> => {
        const entries = await fs.readdir(full(relative), { withFileTypes: true }).catch(() => [] as DirEntry[]);
        for (const entry of entries) {
          if (entry.name.startsWith(".")) continue;
          const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
          if (entry.isDirectory()) await walk(path);
          else if (entry.isFile()) out.push(path);
        }
      };
      await walk(folder);
      return out.sort();
    },
  };
}
