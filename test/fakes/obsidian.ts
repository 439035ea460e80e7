// In-memory Obsidian for jest (moduleNameMapper routes `obsidian` here). Same names, signatures and
// semantics as node_modules/obsidian/obsidian.d.ts for what it implements; fake-only helpers are
// marked so in their docs. Parts live in test/fakes/obsidian/*.ts.

import { installDomHelpers } from "./obsidian/dom";
import { installClipboard, installRuntimeGlobals } from "./obsidian/platform";

export { FileSystemAdapter } from "./obsidian/adapter";
export {
  App,
  SecretStorage,
  type DailyNotesOptions,
  type MarkdownPostProcessorContext,
  type MarkdownSectionInformation,
} from "./obsidian/app";
export { CommandRegistry, type Command } from "./obsidian/commands";
export { createEl, type DomElementInfo } from "./obsidian/dom";
export { Editor, type EditorPosition, type EditorRange } from "./obsidian/editor";
export {
  Component,
  Events,
  liveDomListenerCount,
  liveHandlerCount,
  liveIntervalCount,
  type EventRef,
} from "./obsidian/events";
export { FileManager } from "./obsidian/file-manager";
export { Menu, MenuItem } from "./obsidian/menu";
export { MetadataCache } from "./obsidian/metadata-cache";
export {
  closeAllModals,
  FuzzySuggestModal,
  Modal,
  openModals,
  SuggestModal,
  type FuzzyMatch,
  type Instruction,
  type SearchResult,
} from "./obsidian/modals";
export {
  getAllTags,
  type CachedMetadata,
  type FrontmatterLinkCache,
  type LinkCache,
  type Pos,
} from "./obsidian/note-index";
export { clearNotices, Notice, noticeMessages, shownNotices } from "./obsidian/notice";
export { getLinkpath, normalizePath } from "./obsidian/paths";
export {
  addIcon,
  apiVersion,
  clipboard,
  debounce,
  emulateMobile,
  getIcon,
  getIconIds,
  MarkdownRenderChild,
  MarkdownRenderer,
  parseYaml,
  Platform,
  prepareFuzzySearch,
  prepareSimpleSearch,
  requireApiVersion,
  setApiVersion,
  setIcon,
  setPlatform,
  stringifyYaml,
  withUserGesture,
  type Debouncer,
} from "./obsidian/platform";
export { Plugin, type PluginManifest } from "./obsidian/plugin";
export {
  RequestUrlError,
  requestUrl,
  routedOrigins,
  sentRequests,
  type RequestUrlParam,
  type RequestUrlResponse,
} from "./obsidian/request";
export {
  allSettings,
  findSetting,
  groupHeadings,
  PluginSettingTab,
  Setting,
  SettingGroup,
  SettingTab,
} from "./obsidian/setting";
export {
  AbstractTextComponent,
  BaseComponent,
  ButtonComponent,
  DropdownComponent,
  ExtraButtonComponent,
  SearchComponent,
  SecretComponent,
  SliderComponent,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
  ValueComponent,
} from "./obsidian/setting-components";
export {
  AbstractInputSuggest,
  EditorSuggest,
  Keymap,
  PopoverSuggest,
  Scope,
  type EditorSuggestContext,
  type EditorSuggestTriggerInfo,
  type KeymapEventHandler,
  type Modifier,
} from "./obsidian/suggest";
export { TAbstractFile, TFile, TFolder, Vault, type DataWriteOptions, type FileStats } from "./obsidian/vault";
export {
  EmptyView,
  ItemView,
  MarkdownPreviewView,
  MarkdownView,
  View,
  WorkspaceLeaf,
  type ViewState,
} from "./obsidian/views";
export { editorInfoField, editorLivePreviewField, type MarkdownPostProcessor } from "./obsidian/markdown-render";
export { Workspace, type MarkdownFileInfo } from "./obsidian/workspace";

export function arrayBufferToBase64(buffer: ArrayBuffer): string {
  return Buffer.from(buffer).toString("base64");
}

export function base64ToArrayBuffer(base64: string): ArrayBuffer {
  const bytes = Buffer.from(base64, "base64");
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

installRuntimeGlobals();
installDomHelpers();
installClipboard();
