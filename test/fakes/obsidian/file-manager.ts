// FileManager: frontmatter edits through the project's one YAML owner (src/core/frontmatter), links
// in the vault's style, new-file location and trash.

import { parseNote, stringifyNote } from "../../../src/core/frontmatter";
import type { MetadataCache } from "./metadata-cache";
import { TFile, type DataWriteOptions, type TAbstractFile, type TFolder, type Vault } from "./vault";

export class FileManager {
  /** Fake-only: Obsidian's "Use [[Wikilinks]]" option; off means Markdown links. */
  useWikilinks = true;
  /** Fake-only: Obsidian's "Default location for new notes" ("root" or a folder path). */
  newFileFolder = "root";

  constructor(private readonly vault: Vault, private readonly metadataCache: MetadataCache) {}

  getNewFileParent(sourcePath: string, newFilePath?: string): TFolder {
    void sourcePath;
    void newFilePath;
    if (this.newFileFolder === "root") return this.vault.getRoot();
    return this.vault.getFolderByPath(this.newFileFolder) ?? this.vault.getRoot();
  }

  async renameFile(file: TAbstractFile, newPath: string): Promise<void> {
    await this.vault.rename(file, newPath);
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

  /** Atomic: parses the note's YAML, lets `fn` mutate it, writes it back with the body untouched. */
  async processFrontMatter(file: TFile, fn: (frontmatter: Record<string, unknown>) => void, options?: DataWriteOptions): Promise<void> {
    await this.vault.process(
      file,
      (text) => {
        const note = parseNote(text, file.path);
        const frontmatter = note.frontmatter;
        fn(frontmatter);
        return stringifyNote(frontmatter, note.body);
      },
      options,
    );
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
