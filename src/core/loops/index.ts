// Loops: the loop model and lifecycle, the loop note format, capture from agent text, the loop
// index and the decp-loops query language.
export * from "./loop";
export * from "./loop-note";
export * from "./store";
export * from "./agent-loops";
export * from "./model-links";
export * from "./capture";
export * from "./review";
export * from "./query";
