// Stands in for node:fs in the plugin bundle: gray-matter requires it at load but we never call matter.read.
module.exports = {};
