// gray-matter calls Buffer.from on every parse; Obsidian mobile has no Buffer, so the plugin bundle
// injects this minimal stand-in where the global is missing.
const NativeBuffer = typeof Buffer !== "undefined" ? Buffer : undefined;
const MiniBuffer = {
  from: (input) => new TextEncoder().encode(String(input)),
  isBuffer: () => false,
};
export { MiniBuffer as Buffer };
export default NativeBuffer ?? MiniBuffer;
