// Templates: the bundled template library, the renderer (variables), teaching-comment handling,
// installing templates into a vault and creating notes from them.
export { findComments, stripTeachingComments, type TextRange } from "./comments";
export { renderTemplate, idTypesIn, usesVariable, type TemplateVars, type RenderedTemplate } from "./render";
export { resolveTemplateIds } from "./ids";
export {
  BUNDLED_TEMPLATE_LIST,
  BUNDLED_TEMPLATES,
  findBundledTemplate,
  type BundledTemplate,
  type InstallTarget,
} from "./registry";
export { noteTargetFor, settingsValues, type NoteTarget } from "./targets";
export { inspectTemplate, listTemplates, type TemplateSource, type TemplateInfo } from "./source";
export { createNoteFromTemplate, checkNoteTitle, type CreateNoteOptions, type CreatedNote } from "./create";
export {
  planTemplateInstall,
  installPath,
  installRecordPath,
  newVersionPath,
  type TemplateInstallPlan,
  type KeptTemplate,
} from "./install";
export {
  planVaultLayout,
  applyVaultLayout,
  describeVaultLayout,
  layoutFolders,
  type VaultLayoutPlan,
  type VaultLayoutResult,
} from "./layout";
