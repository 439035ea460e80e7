// The page has no file system: the fake's FileSystemAdapter (desktop tests on a real folder) is never
// used there, but its module imports join.
export function join(...parts: string[]): string {
  return parts.join("/");
}
export default { join };
