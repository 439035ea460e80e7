// Which files a tally counts, by extension: the note fast path must agree with the general rule.

import { fileKind } from "../../../src/core/context/file-kinds";

test("a file's kind comes from its extension, in any case; a name that is only an extension has none", () => {
  const kinds = Object.fromEntries(
    [
      "a.md",
      "Notes/B.MD",
      "x.markdown",
      "q.sql",
      ".md",
      "dir/.md",
      "dir.md/file",
      "pic.PNG",
      "spec.pdf",
      "a.zip",
      "README",
    ].map((path) => [path, fileKind(path)]),
  );
  expect(kinds).toEqual({
    "a.md": "text",
    "Notes/B.MD": "text",
    "x.markdown": "text",
    "q.sql": "text",
    ".md": "unknown",
    "dir/.md": "unknown",
    "dir.md/file": "unknown",
    "pic.PNG": "image",
    "spec.pdf": "pdf",
    "a.zip": "binary",
    README: "unknown",
  });
});
