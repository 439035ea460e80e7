/** Unit tests per core module, fakes for the edges we cannot run, integration tests on built bundles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
    "^.+\\.md$": "<rootDir>/test/md-transform.cjs",
  },
  moduleFileExtensions: ["ts", "js", "cjs", "mjs", "json", "md"],
  moduleNameMapper: {
    "^obsidian$": "<rootDir>/test/fakes/obsidian.ts",
  },
  testTimeout: 60000,
  globalSetup: "<rootDir>/test/support/build-bundles.cjs",
};
