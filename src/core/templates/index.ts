// Templates: the bundled template library, the renderer (variables) and teaching-comment handling.
export { findComments, stripTeachingComments, type TextRange } from "./comments";
export { renderTemplate, idTypesIn, usesVariable, type TemplateVars, type RenderedTemplate } from "./render";
export { resolveTemplateIds } from "./ids";
