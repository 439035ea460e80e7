// Session: handoff in the daily note, resume pack, session summary, PR narrative.
export * from "./moment-format";
export * from "./daily-note";
export * from "./daily-notes-config";
export * from "./project-state";
export * from "./section";
export * from "./context-records";
export * from "./handoff-render";
export * from "./handoff-parse";
export * from "./handoff";
export * from "./resume";
export * from "./session-data";
export * from "./generated-note";
export * from "./summary";
export * from "./pr-narrative";
