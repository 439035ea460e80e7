// In-memory Vault with Obsidian's file tree (TFile/TFolder), events and write semantics:
// create throws on an existing path, process is atomic, stat changes on every write.

import { TextDecoder, TextEncoder } from "node:util";
import { FileSystemAdapter } from "./adapter";
import { FakeDataAdapter } from "./data-adapter";
import { Events, type EventRef } from "./events";
import { normalizePath } from "./paths";

export interface FileStats {
  ctime: number;
  mtime: number;
  size: number;
}

export interface DataWriteOptions {
  ctime?: number;
  mtime?: number;
}

export abstract class TAbstractFile {
  vault!: Vault;
  path = "";
  name = "";
  parent: TFolder | null = null;
}

export class TFile extends TAbstractFile {
  stat: FileStats = { ctime: 0, mtime: 0, size: 0 };
  basename = "";
  extension = "";
}

export class TFolder extends TAbstractFile {
  children: TAbstractFile[] = [];

  isRoot(): boolean {
    return this.path === "/";
  }
}

type Content = string | ArrayBuffer;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function sizeOf(data: Content): number {
  return typeof data === "string" ? encoder.encode(data).byteLength : data.byteLength;
}

/** Lets other async work run, as a real disk read or write would. */
const tick = (): Promise<void> => Promise.resolve();

export class Vault extends Events {
  configDir = ".obsidian";
  /** The in-memory adapter; createApp({ basePath }) puts a FileSystemAdapter over a real folder here. */
  adapter: FakeDataAdapter | FileSystemAdapter = new FakeDataAdapter(this);
  private readonly root: TFolder;
  private readonly entries = new Map<string, TAbstractFile>();
  private readonly contents = new Map<string, Content>();
  private clock = 0;
  /** Test helper: paths sent to the trash, in order. */
  readonly trashed: string[] = [];

  constructor() {
    super();
    this.root = new TFolder();
    this.root.vault = this;
    this.root.path = "/";
    this.root.name = "";
  }

  getName(): string {
    return "Test vault";
  }

  getRoot(): TFolder {
    return this.root;
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    if (path === "/" || path === "") return this.root;
    return this.entries.get(path) ?? null;
  }

  getFileByPath(path: string): TFile | null {
    const found = this.getAbstractFileByPath(path);
    return found instanceof TFile ? found : null;
  }

  getFolderByPath(path: string): TFolder | null {
    const found = this.getAbstractFileByPath(path);
    return found instanceof TFolder ? found : null;
  }

  getAllLoadedFiles(): TAbstractFile[] {
    return [this.root, ...this.entries.values()];
  }

  getAllFolders(includeRoot = false): TFolder[] {
    const folders = [...this.entries.values()].filter((f): f is TFolder => f instanceof TFolder);
    return includeRoot ? [this.root, ...folders] : folders;
  }

  getFiles(): TFile[] {
    return [...this.entries.values()].filter((f): f is TFile => f instanceof TFile);
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === "md");
  }

  static recurseChildren(root: TFolder, cb: (file: TAbstractFile) => unknown): void {
    cb(root);
    for (const child of root.children) {
      if (child instanceof TFolder) Vault.recurseChildren(child, cb);
      else cb(child);
    }
  }

  getResourcePath(file: TFile): string {
    return `app://local/${encodeURI(file.path)}`;
  }

  async create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
    return this.createFile(path, data, options);
  }

  async createBinary(path: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<TFile> {
    return this.createFile(path, data, options);
  }

  async createFolder(path: string): Promise<TFolder> {
    const target = normalizePath(path);
    if (this.getAbstractFileByPath(target)) throw new Error("Folder already exists.");
    const parent = this.parentOf(target, true);
    const folder = new TFolder();
    this.attach(folder, target, parent);
    this.trigger("create", folder);
    return folder;
  }

  async read(file: TFile): Promise<string> {
    await tick();
    return this.textOf(file);
  }

  async cachedRead(file: TFile): Promise<string> {
    await tick();
    return this.textOf(file);
  }

  async readBinary(file: TFile): Promise<ArrayBuffer> {
    await tick();
    const data = this.contentOf(file);
    if (typeof data !== "string") return data.slice(0);
    const bytes = encoder.encode(data);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }

  async modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    await tick();
    this.write(file, data, options);
  }

  async modifyBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    await tick();
    this.write(file, data, options);
  }

  async append(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    await tick();
    this.write(file, this.textOf(file) + data, options);
  }

  async appendBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    await tick();
    const before = new Uint8Array(await this.readBinary(file));
    const joined = new Uint8Array(before.byteLength + data.byteLength);
    joined.set(before);
    joined.set(new Uint8Array(data), before.byteLength);
    this.write(file, joined.buffer, options);
  }

  /** Atomic: read, edit and write happen with nothing else in between (Obsidian's guarantee). */
  async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    const next = fn(this.textOf(file));
    if (typeof next !== "string") throw new TypeError("Vault.process callback must return a string");
    this.write(file, next, options);
    return next;
  }

  async delete(file: TAbstractFile, force?: boolean): Promise<void> {
    this.requireLive(file);
    if (file instanceof TFolder && file.children.length > 0 && !force)
      throw new Error(`Folder "${file.path}" is not empty.`);
    this.remove(file);
  }

  async trash(file: TAbstractFile, system: boolean): Promise<void> {
    void system;
    this.requireLive(file);
    this.trashed.push(file.path);
    this.remove(file);
  }

  async rename(file: TAbstractFile, newPath: string): Promise<void> {
    this.requireLive(file);
    const target = normalizePath(newPath);
    if (target === file.path) return;
    if (this.getAbstractFileByPath(target)) throw new Error("Destination file already exists!");
    const parent = this.parentOf(target, true);
    const moved: [TAbstractFile, string][] = [];
    const move = (entry: TAbstractFile, path: string, into: TFolder): void => {
      const oldPath = entry.path;
      this.detach(entry);
      const data = this.contents.get(oldPath);
      this.contents.delete(oldPath);
      this.attach(entry, path, into);
      if (data !== undefined) this.contents.set(path, data);
      moved.push([entry, oldPath]);
      if (entry instanceof TFolder) {
        for (const child of [...entry.children]) {
          entry.children.splice(entry.children.indexOf(child), 1);
          move(child, `${path}/${child.name}`, entry);
        }
      }
    };
    move(file, target, parent);
    for (const [entry, oldPath] of moved) this.trigger("rename", entry, oldPath);
  }

  async copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
    this.requireLive(file);
    if (file instanceof TFile) return (await this.createFile(newPath, this.contentOf(file))) as unknown as T;
    const folder = await this.createFolder(newPath);
    for (const child of (file as unknown as TFolder).children) await this.copy(child, `${folder.path}/${child.name}`);
    return folder as unknown as T;
  }

  override on(
    name: "create" | "modify" | "delete" | "rename" | "closed",
    callback: (...data: never[]) => unknown,
    ctx?: unknown,
  ): EventRef {
    return super.on(name, callback as (...data: unknown[]) => unknown, ctx);
  }

  /** Fake-only: creates files synchronously, with their parent folders (test setup). */
  seed(files: Record<string, string | ArrayBuffer>): void {
    for (const [path, data] of Object.entries(files)) {
      const target = normalizePath(path);
      const parts = target.split("/");
      for (let i = 1; i < parts.length; i++) {
        const folder = parts.slice(0, i).join("/");
        if (!this.getAbstractFileByPath(folder)) {
          const entry = new TFolder();
          this.attach(entry, folder, this.parentOf(folder, true));
          this.trigger("create", entry);
        }
      }
      this.createNow(target, data);
    }
  }

  private async createFile(path: string, data: Content, options?: DataWriteOptions): Promise<TFile> {
    return this.createNow(path, data, options);
  }

  private createNow(path: string, data: Content, options?: DataWriteOptions): TFile {
    const target = normalizePath(path);
    if (this.getAbstractFileByPath(target)) throw new Error("File already exists.");
    const parent = this.parentOf(target, false);
    const file = new TFile();
    this.attach(file, target, parent);
    const now = this.now();
    file.stat = { ctime: options?.ctime ?? now, mtime: options?.mtime ?? now, size: sizeOf(data) };
    this.contents.set(target, data);
    this.trigger("create", file);
    return file;
  }

  private write(file: TFile, data: Content, options?: DataWriteOptions): void {
    this.requireLive(file);
    this.contents.set(file.path, data);
    file.stat = { ctime: file.stat.ctime, mtime: options?.mtime ?? this.now(), size: sizeOf(data) };
    this.trigger("modify", file);
  }

  private remove(file: TAbstractFile): void {
    if (file instanceof TFolder) for (const child of [...file.children]) this.remove(child);
    this.detach(file);
    this.contents.delete(file.path);
    this.trigger("delete", file);
  }

  /** Fake-only: the current text without yielding (the metadata cache indexes synchronously). */
  readNow(file: TFile): string {
    return this.textOf(file);
  }

  private textOf(file: TFile): string {
    const data = this.contentOf(file);
    return typeof data === "string" ? data : decoder.decode(data);
  }

  private contentOf(file: TFile): Content {
    this.requireLive(file);
    return this.contents.get(file.path) as Content;
  }

  private requireLive(file: TAbstractFile): void {
    if (this.entries.get(file.path) !== file) throw new Error(`File "${file.path}" does not exist.`);
  }

  /** Obsidian expects parent folders to exist; we refuse rather than silently invent them. */
  private parentOf(path: string, forFolder: boolean): TFolder {
    const slash = path.lastIndexOf("/");
    if (slash < 0) return this.root;
    const parent = this.getFolderByPath(path.slice(0, slash));
    if (!parent)
      throw new Error(
        `Cannot create ${forFolder ? "folder" : "file"} "${path}": folder "${path.slice(0, slash)}" does not exist.`,
      );
    return parent;
  }

  private attach(entry: TAbstractFile, path: string, parent: TFolder): void {
    entry.vault = this;
    entry.path = path;
    entry.name = path.slice(path.lastIndexOf("/") + 1);
    entry.parent = parent;
    if (entry instanceof TFile) {
      const dot = entry.name.lastIndexOf(".");
      entry.basename = dot > 0 ? entry.name.slice(0, dot) : entry.name;
      entry.extension = dot > 0 ? entry.name.slice(dot + 1) : "";
    }
    parent.children.push(entry);
    this.entries.set(path, entry);
  }

  private detach(entry: TAbstractFile): void {
    const siblings = entry.parent?.children;
    if (siblings) siblings.splice(siblings.indexOf(entry), 1);
    this.entries.delete(entry.path);
  }

  /** Strictly increasing timestamps, so "changed since" checks never depend on wall-clock speed. */
  private now(): number {
    this.clock = Math.max(Date.now(), this.clock + 1);
    return this.clock;
  }
}
