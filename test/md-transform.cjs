// Mirrors esbuild's text loader so tests import templates exactly as the bundles do.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)}; module.exports.default = module.exports;` };
  },
};
