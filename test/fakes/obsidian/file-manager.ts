// FileManager: frontmatter edits re-serialised the way the app does (see test/fakes/README.md for the
// observed rules), links in the vault's style, new-file location and trash.

import type { MetadataCache } from "./metadata-cache";
import type { Pos, Reference } from "./note-index";
import { getLinkpath } from "./paths";
import { parseYaml, stringifyYaml } from "./platform";
import { TFile, type DataWriteOptions, type TAbstractFile, type TFolder, type Vault } from "./vault";

export class FileManager {
  /** Fake-only: Obsidian's "Use [[Wikilinks]]" option; off means Markdown links. */
  useWikilinks = true;
  /** Fake-only: Obsidian's "Automatically update internal links". */
  updateLinksOnRename = true;
  /** Fake-only: Obsidian's "Default location for new notes" ("root" or a folder path). */
  newFileFolder = "root";

  constructor(
    private readonly vault: Vault,
    private readonly metadataCache: MetadataCache,
  ) {}

  getNewFileParent(sourcePath: string, newFilePath?: string): TFolder {
    void sourcePath;
    void newFilePath;
    if (this.newFileFolder === "root") return this.vault.getRoot();
    return this.vault.getFolderByPath(this.newFileFolder) ?? this.vault.getRoot();
  }

  /** Renames, then rewrites links that pointed at the file (Obsidian's "Automatically update internal links"). */
  async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    const pending = file instanceof TFile && this.updateLinksOnRename ? this.linksTo(file) : [];
    await this.vault.rename(file, newPath);
    for (const { source, refs } of pending) {
      await this.vault.process(source, (text) => {
        let out = text;
        // Body links carry positions: rewrite from the end so earlier offsets stay valid.
        for (const ref of [...refs].sort(
          (a, b) => (b.position?.start.offset ?? -1) - (a.position?.start.offset ?? -1),
        )) {
          const replacement = this.relink(ref, file as TFile, source.path);
          if (ref.position)
            out = out.slice(0, ref.position.start.offset) + replacement + out.slice(ref.position.end.offset);
          else out = out.split(ref.original).join(replacement);
        }
        return out;
      });
    }
  }

  private linksTo(file: TFile): { source: TFile; refs: (Reference & { position?: Pos })[] }[] {
    const out: { source: TFile; refs: (Reference & { position?: Pos })[] }[] = [];
    for (const source of this.vault.getMarkdownFiles()) {
      const cache = this.metadataCache.getFileCache(source);
      const refs = [...(cache?.links ?? []), ...(cache?.embeds ?? []), ...(cache?.frontmatterLinks ?? [])].filter(
        (ref) => this.metadataCache.getFirstLinkpathDest(getLinkpath(ref.link), source.path) === file,
      );
      if (refs.length > 0) out.push({ source, refs });
    }
    return out;
  }

  private relink(ref: Reference, file: TFile, sourcePath: string): string {
    const subpath = ref.link.slice(getLinkpath(ref.link).length);
    const embed = ref.original.startsWith("!") ? "!" : "";
    if (ref.original.startsWith(`${embed}[[`)) {
      const bar = ref.original.indexOf("|");
      const alias = bar < 0 ? "" : ref.original.slice(bar, -2);
      return `${embed}[[${this.metadataCache.fileToLinktext(file, sourcePath)}${subpath}${alias}]]`;
    }
    return `${embed}[${ref.displayText ?? ""}](${encodeURI(file.path)}${subpath})`;
  }

  async trashFile(file: TAbstractFile): Promise<void> {
    await this.vault.trash(file, true);
  }

  async promptForDeletion(file: TAbstractFile): Promise<boolean> {
    await this.trashFile(file);
    return true;
  }

  generateMarkdownLink(file: TFile, sourcePath: string, subpath = "", alias?: string): string {
    const embed = file.extension !== "md" ? "!" : "";
    const linktext = this.metadataCache.fileToLinktext(file, sourcePath, true);
    if (this.useWikilinks) return `${embed}[[${linktext}${subpath}${alias ? `|${alias}` : ""}]]`;
    const target = encodeURI(file.extension === "md" && !linktext.endsWith(".md") ? `${linktext}.md` : linktext);
    return `${embed}[${alias ?? file.basename}](${target}${subpath})`;
  }

  /**
   * Atomic, and like the app it re-serialises the whole YAML block from the parsed object: comments
   * and unneeded quotes go, flow lists become block lists; broken YAML throws YAMLParseError.
   */
  async processFrontMatter(
    file: TFile,
    fn: (frontmatter: Record<string, unknown>) => void,
    options?: DataWriteOptions,
  ): Promise<void> {
    await this.vault.process(file, (text) => reserialiseFrontmatter(text, fn), options);
  }

  async getAvailablePathForAttachment(filename: string, sourcePath?: string): Promise<string> {
    void sourcePath;
    const dot = filename.lastIndexOf(".");
    const base = dot > 0 ? filename.slice(0, dot) : filename;
    const ext = dot > 0 ? filename.slice(dot) : "";
    let candidate = filename;
    for (let n = 1; this.vault.getAbstractFileByPath(candidate); n++) candidate = `${base} ${n}${ext}`;
    return candidate;
  }
}

const FRONTMATTER = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** What the app writes: the block rebuilt from the data by stringifyYaml, the body untouched. */
function reserialiseFrontmatter(text: string, fn: (frontmatter: Record<string, unknown>) => void): string {
  const block = FRONTMATTER.exec(text);
  const parsed: unknown = block ? parseYaml(block[1] ?? "") : null;
  const data = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {};
  fn(data as Record<string, unknown>);
  const body = block ? text.slice(block[0].length) : text;
  if (Object.keys(data).length === 0) return block ? body : text;
  return `---\n${stringifyYaml(data)}---\n${body}`;
}
