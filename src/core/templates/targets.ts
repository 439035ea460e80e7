// Where a note made from a template goes, by the note kind it declares (`type:`), and how it is named.
// Loop and task notes lead with their id ("LOOP-007 Validate invoice grain"), as docs/ARCHITECTURE.md shows.

import type { DecpSettings } from "../settings";

export interface NoteTarget {
  folder: string;
  /** Note basename, itself a template: "{{next_id:LOOP}} {{title}}". */
  name: string;
}

export function noteTargetFor(kind: string | undefined, settings: DecpSettings): NoteTarget {
  switch (kind) {
    case "loop":
      return { folder: settings.loopsFolder, name: "{{next_id:LOOP}} {{title}}" };
    case "template":
      return { folder: settings.tasksFolder, name: "{{next_id:TASK}} {{title}}" };
    case "context":
      return { folder: settings.contextFolder, name: "{{date}} {{title}}" };
    case "summary":
      return { folder: settings.sessionsFolder, name: "{{date}} Summary {{title}}" };
    case "handoff":
      return { folder: settings.sessionsFolder, name: "{{date}} Handoff {{title}}" };
    case "pr-narrative":
      return { folder: settings.sessionsFolder, name: "{{date}} PR {{title}}" };
    case "state":
      return { folder: settings.rootFolder, name: "STATE {{title}}" };
    case "protocol":
      return { folder: settings.protocolFolder, name: "{{title}}" };
    default:
      return { folder: settings.rootFolder, name: "{{title}}" };
  }
}

/** Values templates can use beside the built-in variables: the configured folders and budget. */
export function settingsValues(settings: DecpSettings): Record<string, string> {
  return {
    loops_folder: settings.loopsFolder,
    context_folder: settings.contextFolder,
    sessions_folder: settings.sessionsFolder,
    tasks_folder: settings.tasksFolder,
    protocol_folder: settings.protocolFolder,
    templates_folder: settings.templatesFolder,
    budget: String(settings.budget),
    encoding: settings.encoding,
  };
}
