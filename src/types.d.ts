// Templates are bundled as text by esbuild's text loader (and by the jest transform).
declare module "*.md" {
  const text: string;
  export default text;
}

// sqlparser-rs compiled to WebAssembly, as esbuild.sqlparser.mjs (bundles) and test/support/sqlparser-wasm.cjs
// (jest) provide it: the wasm-bindgen glue plus the module's bytes.
declare module "sqlparser-wasm" {
  export default function init(options: { module_or_path: BufferSource }): Promise<unknown>;
  /** The statements' AST as plain objects (serde-wasm-bindgen; None is undefined). */
  export function parse_sql(dialect: string, sql: string): unknown;
  export function wasmBytes(): Uint8Array<ArrayBuffer>;
}
