// Protocol: note kinds, IDs and (in the loops and context areas) the XML interchange blocks.
export * from "./note-kinds";
export * from "./ids";
