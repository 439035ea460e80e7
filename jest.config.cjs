/** Unit tests per core module, fakes for the edges we cannot run, integration tests on built bundles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
    "^.+\\.md$": "<rootDir>/test/md-transform.cjs",
    "sqlparser_rs_wasm\\.js$": "<rootDir>/test/support/esm-transform.cjs",
  },
  transformIgnorePatterns: ["/node_modules/(?!@guanmingchiu/sqlparser-ts/)"],
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json", "md"],
  moduleNameMapper: {
    "^obsidian$": "<rootDir>/test/fakes/obsidian.ts",
    "^sqlparser-wasm$": "<rootDir>/test/support/sqlparser-wasm.cjs",
  },
  testTimeout: 60000,
  globalSetup: "<rootDir>/test/support/build-bundles.cjs",
};
