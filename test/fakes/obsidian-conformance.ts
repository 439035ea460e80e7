// Compile-time check that the fake speaks Obsidian's API: every public member of a fake class either
// exists on the real class in node_modules/obsidian/obsidian.d.ts or is listed here as fake-only
// (test helpers). tsc checks this file, so an invented or misspelled method fails the typecheck.

import type * as Real from "obsidian";
import type * as Fake from "./obsidian";

type FakeOnly<F, R> = Exclude<keyof F, keyof R>;
/** Compiles only when `Listed` names exactly the fake-only members. */
type Exactly<Actual extends PropertyKey, Listed extends PropertyKey> = [Actual] extends [Listed]
  ? [Listed] extends [Actual]
    ? true
    : never
  : never;

export const conformance: Record<string, true> = {
  App: true satisfies Exactly<
    FakeOnly<Fake.App, Real.App>,
    | "commands"
    | "setting"
    | "internalPlugins"
    | "plugins"
    | "pluginData"
    | "viewRegistry"
    | "extensionViews"
    | "codeBlockProcessors"
    | "postProcessors"
    | "editorExtensions"
    | "editorSuggests"
    | "protocolHandlers"
    | "ribbonIcons"
    | "statusBarEl"
    | "createRegisteredView"
    | "renderCodeBlock"
    | "openProtocolUrl"
    | "eventHandlerCount"
  >,
  Vault: true satisfies Exactly<FakeOnly<Fake.Vault, Real.Vault>, "seed" | "trashed" | "readNow" | "handlerCount">,
  TFile: true satisfies Exactly<FakeOnly<Fake.TFile, Real.TFile>, never>,
  TFolder: true satisfies Exactly<FakeOnly<Fake.TFolder, Real.TFolder>, never>,
  MetadataCache: true satisfies Exactly<
    FakeOnly<Fake.MetadataCache, Real.MetadataCache>,
    "handlerCount" | "indexNow" | "indexing"
  >,
  FileManager: true satisfies Exactly<
    FakeOnly<Fake.FileManager, Real.FileManager>,
    "useWikilinks" | "newFileFolder" | "updateLinksOnRename"
  >,
  Workspace: true satisfies Exactly<
    FakeOnly<Fake.Workspace, Real.Workspace>,
    "handlerCount" | "setLayoutReady" | "setActiveFile" | "allLeaves" | "revealed" | "removeLeaf"
  >,
  WorkspaceLeaf: true satisfies Exactly<
    FakeOnly<Fake.WorkspaceLeaf, Real.WorkspaceLeaf>,
    "handlerCount" | "side" | "id" | "app" | "unloadView"
  >,
  ItemView: true satisfies Exactly<
    FakeOnly<Fake.ItemView, Real.ItemView>,
    "open" | "close" | "onloadDone" | "isLoaded"
  >,
  MarkdownView: true satisfies Exactly<
    FakeOnly<Fake.MarkdownView, Real.MarkdownView>,
    "open" | "close" | "onloadDone" | "isLoaded" | "loadFile" | "render"
  >,
  Editor: true satisfies Exactly<FakeOnly<Fake.Editor, Real.Editor>, "onChange">,
  Component: true satisfies Exactly<FakeOnly<Fake.Component, Real.Component>, "onloadDone" | "isLoaded">,
  Events: true satisfies Exactly<FakeOnly<Fake.Events, Real.Events>, "handlerCount">,
  Plugin: true satisfies Exactly<FakeOnly<Fake.Plugin, Real.Plugin>, "onloadDone" | "isLoaded">,
  Modal: true satisfies Exactly<FakeOnly<Fake.Modal, Real.Modal>, "opened">,
  SuggestModal: true satisfies Exactly<
    FakeOnly<Fake.SuggestModal<string>, Real.SuggestModal<string>>,
    "opened" | "instructions" | "suggestions" | "setQuery" | "chooseSuggestion"
  >,
  FuzzySuggestModal: true satisfies Exactly<
    FakeOnly<Fake.FuzzySuggestModal<string>, Real.FuzzySuggestModal<string>>,
    "opened" | "instructions" | "suggestions" | "setQuery" | "chooseSuggestion"
  >,
  Notice: true satisfies Exactly<FakeOnly<Fake.Notice, Real.Notice>, "hidden" | "timeout" | "message">,
  Menu: true satisfies Exactly<FakeOnly<Fake.Menu, Real.Menu>, "items" | "shown" | "item" | "onloadDone" | "isLoaded">,
  MenuItem: true satisfies Exactly<
    FakeOnly<Fake.MenuItem, Real.MenuItem>,
    "title" | "icon" | "checked" | "disabled" | "warning" | "section" | "click"
  >,
  Setting: true satisfies Exactly<FakeOnly<Fake.Setting, Real.Setting>, "control" | "isHeading">,
  SettingGroup: true satisfies Exactly<FakeOnly<Fake.SettingGroup, Real.SettingGroup>, never>,
  PluginSettingTab: true satisfies Exactly<FakeOnly<Fake.PluginSettingTab, Real.PluginSettingTab>, "plugin">,
  TextComponent: true satisfies Exactly<FakeOnly<Fake.TextComponent, Real.TextComponent>, "input">,
  ToggleComponent: true satisfies Exactly<FakeOnly<Fake.ToggleComponent, Real.ToggleComponent>, "input" | "onChanged">,
  DropdownComponent: true satisfies Exactly<
    FakeOnly<Fake.DropdownComponent, Real.DropdownComponent>,
    "input" | "onChanged" | "options"
  >,
  SliderComponent: true satisfies Exactly<FakeOnly<Fake.SliderComponent, Real.SliderComponent>, "input" | "onChanged">,
  ButtonComponent: true satisfies Exactly<FakeOnly<Fake.ButtonComponent, Real.ButtonComponent>, "click">,
  ExtraButtonComponent: true satisfies Exactly<FakeOnly<Fake.ExtraButtonComponent, Real.ExtraButtonComponent>, "click">,
  SecretComponent: true satisfies Exactly<
    FakeOnly<Fake.SecretComponent, Real.SecretComponent>,
    "app" | "inputEl" | "value" | "input"
  >,
  SecretStorage: true satisfies Exactly<FakeOnly<Fake.SecretStorage, Real.SecretStorage>, "handlerCount">,
  Scope: true satisfies Exactly<FakeOnly<Fake.Scope, Real.Scope>, "handlers" | "parent">,
  AbstractInputSuggest: true satisfies Exactly<
    FakeOnly<Fake.AbstractInputSuggest<string>, Real.AbstractInputSuggest<string>>,
    "isOpen" | "suggestions" | "chooseSuggestion" | "setQuery"
  >,
  EditorSuggest: true satisfies Exactly<
    FakeOnly<Fake.EditorSuggest<string>, Real.EditorSuggest<string>>,
    "isOpen" | "suggestions" | "chooseSuggestion" | "instructions" | "trigger"
  >,
};
