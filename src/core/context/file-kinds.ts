// Which files a tally counts: Markdown and other text (SQL, YAML, JSON, CSV, ...) count; images,
// PDFs and other binaries are skipped with the reason.

const TEXT = new Set([
  "md",
  "markdown",
  "txt",
  "sql",
  "yml",
  "yaml",
  "json",
  "csv",
  "tsv",
  "py",
  "toml",
  "ini",
  "cfg",
  "jinja",
  "j2",
  "sh",
  "js",
  "ts",
  "html",
  "xml",
  "canvas",
  "log",
  "rst",
]);
const IMAGE = new Set(["png", "jpg", "jpeg", "gif", "webp", "bmp", "ico", "svg", "tif", "tiff", "heic", "avif"]);
const BINARY = new Set([
  "zip",
  "gz",
  "tar",
  "7z",
  "mp3",
  "mp4",
  "m4a",
  "wav",
  "ogg",
  "webm",
  "mov",
  "exe",
  "dll",
  "so",
  "woff",
  "woff2",
  "ttf",
  "otf",
  "parquet",
  "duckdb",
  "db",
  "sqlite",
  "xlsx",
  "docx",
  "pptx",
]);

export type FileKind = "text" | "image" | "pdf" | "binary" | "unknown";

export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export function fileKind(path: string): FileKind {
  // Most files are notes: no slicing for them (a warm tally of thousands does little else).
  if (path.endsWith(".md") && path.length > 3 && path[path.length - 4] !== "/") return "text";
  const ext = extensionOf(path);
  if (TEXT.has(ext)) return "text";
  if (IMAGE.has(ext)) return "image";
  if (ext === "pdf") return "pdf";
  if (BINARY.has(ext)) return "binary";
  return "unknown";
}

export function isMarkdown(path: string): boolean {
  const ext = extensionOf(path);
  return ext === "md" || ext === "markdown";
}

/** Files with an unknown extension count when their first bytes hold no NUL (the usual text sniff). */
export function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return false;
  return true;
}

export function formatBytes(n: number): string {
  if (n >= 1_000_000) return `${(n / 1_000_000).toFixed(1)} MB`;
  if (n >= 1000) return `${(n / 1000).toFixed(1)} kB`;
  return `${n} B`;
}
