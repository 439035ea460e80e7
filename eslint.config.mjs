// Obsidian's recommended rules everywhere; Node modules are allowed only outside the plugin bundle.
import { defineConfig } from "eslint/config";
import obsidianmd from "eslint-plugin-obsidianmd";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig([
  { ignores: ["node_modules/**", "main.js", "dist/**", "coverage/**", "bench/out/**", "demo-vault/**", "src/shims/**", "test/md-transform.cjs", "test/support/*.cjs", "jest.config.cjs"] },
  ...obsidianmd.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.mjs", "esbuild.config.mjs", "esbuild.sqlparser.mjs", "esbuild.brotli.mjs", "bench/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // TypeScript itself reports undefined names, with the real lib and types.
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
  {
    files: ["test/**"],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // The Claude Code plugin's launcher (plugins/claude-code/scripts) is plain CommonJS run by Node, outside the TypeScript project.
    files: ["plugins/**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "obsidianmd/no-nodejs-modules": "off",
      "no-restricted-globals": "off",
      "no-implicit-globals": "off",
    },
  },
  {
    // The CLI, MCP server, tests, benchmarks and build scripts run on Node, never inside Obsidian.
    files: ["src/cli/**", "test/**", "bench/**", "*.mjs"],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "obsidianmd/no-nodejs-modules": "off",
      "import/no-extraneous-dependencies": "off",
      "no-restricted-globals": "off",
      "obsidianmd/prefer-window-timers": "off",
      "obsidianmd/no-global-this": "off",
      // Outside Obsidian there is no Vault#configDir; a fresh vault uses the default .obsidian.
      "obsidianmd/hardcoded-config-path": "off",
    },
  },
  {
    // The Obsidian fake (and its own tests) implements the DOM helpers and Vault APIs these rules steer plugins towards.
    files: ["test/fakes/**"],
    rules: {
      "obsidianmd/prefer-create-el": "off",
      "obsidianmd/prefer-instanceof": "off",
      "obsidianmd/prefer-file-manager-trash-file": "off",
      "obsidianmd/no-tfile-tfolder-cast": "off",
    },
  },
  {
    // TickTick is a brand: sentence case keeps its capitals.
    files: ["src/obsidian/ticktick/**"],
    rules: { "obsidianmd/ui/sentence-case": ["warn", { enforceCamelCaseLower: true, brands: ["TickTick", "Obsidian"] }] },
  },
  {
    // Core is pure TypeScript: no obsidian, no Node modules (docs/ARCHITECTURE.md, Layers). The demo builder is
    // core-style code over VaultPort, reused by the CLI, onboarding and benchmarks.
    files: ["src/core/**", "src/demo/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "^(obsidian|node:.*|fs|path|os|http|https|child_process|crypto|url|stream)$", message: "src/core must not import obsidian or Node modules; go through a port." }] }],
    },
  },
]);
