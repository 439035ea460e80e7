// Turns an ES module from node_modules into CommonJS for jest (the SQL parser's wasm-bindgen glue).
const { transformSync } = require("esbuild");

module.exports = {
  process(source, path) {
    const { code } = transformSync(source, { format: "cjs", loader: "js", sourcefile: path, logLevel: "silent" });
    return { code };
  },
};
