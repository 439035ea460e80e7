// The vault's folder on disk, on the desktop app only (FileSystemAdapter, Node's fs through
// window.require): the real-path confinement check and an exclusive create, the two things the
// Vault API cannot give. Mobile has neither; ObsidianVault falls back there (see docs/ARCHITECTURE.md).

import { FileSystemAdapter, Platform, type App } from "obsidian";
import { UserError } from "../core/errors";
import { leavesVault } from "../core/vault";

interface NodeFs {
  promises: {
    realpath(path: string): Promise<string>;
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
    writeFile(path: string, data: string, options: { encoding: "utf8"; flag: "wx" }): Promise<void>;
  };
}

interface NodePath {
  sep: string;
  join(...parts: string[]): string;
  dirname(path: string): string;
}

export class DesktopDisk {
  private realRoot?: string;

  constructor(
    private readonly base: string,
    private readonly fs: NodeFs,
    private readonly path: NodePath,
  ) {}

  absolute(vaultPath: string): string {
    return vaultPath === "" ? this.base : this.path.join(this.base, ...vaultPath.split("/"));
  }

  /** Refuses a vault path that resolves (its deepest existing part) outside the vault's real folder. */
  async confine(vaultPath: string): Promise<void> {
    this.realRoot ??= await this.fs.promises.realpath(this.base);
    for (let at = this.absolute(vaultPath); ; at = this.path.dirname(at)) {
      const real = await this.fs.promises.realpath(at).catch((error: { code?: string }) => {
        if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
        throw error;
      });
      // Nothing there, up to the vault folder itself: nothing to resolve yet.
      if (real === null && (at === this.base || at === this.path.dirname(at))) return;
      if (real === null) continue;
      if (leavesVault(this.realRoot, real, this.path.sep))
        throw new UserError(
          `"${vaultPath}" leads outside the vault through a symbolic link`,
          { file: vaultPath },
          "Nothing was read or written there; move the folder into the vault or remove the link",
        );
      return;
    }
  }

  /** O_EXCL create: atomic against every other process on this disk (the CLI, the MCP server). */
  async createExclusive(vaultPath: string, content: string): Promise<boolean> {
    await this.confine(vaultPath);
    const full = this.absolute(vaultPath);
    await this.fs.promises.mkdir(this.path.dirname(full), { recursive: true });
    try {
      await this.fs.promises.writeFile(full, content, { encoding: "utf8", flag: "wx" });
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === "EEXIST") return false;
      throw error;
    }
  }
}

/** The disk under the vault, or null on mobile (or any adapter without a base path). */
export function desktopDisk(app: App): DesktopDisk | null {
  if (!Platform.isDesktopApp || !(app.vault.adapter instanceof FileSystemAdapter)) return null;
  const load = (window as unknown as { require?: (module: string) => unknown }).require;
  if (!load) return null;
  return new DesktopDisk(app.vault.adapter.getBasePath(), load("fs") as NodeFs, load("path") as NodePath);
}
