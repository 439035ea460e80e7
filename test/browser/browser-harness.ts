// The Node side of the browser test: finds Debian's Chromium, bundles the Obsidian fake for the page,
// builds the demo vault with the built CLI, and opens a page holding the built main.js. Screenshots go
// to test-artifacts/browser/ (gitignored); with DECP_DOCS_SCREENSHOTS=1 the README's go to docs/images/.

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join, relative } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import type { checks } from "./page/checks";
import type { pageApi, StartOptions } from "./page/entry";

const root = join(__dirname, "..", "..");
export const ARTIFACTS = join(root, "test-artifacts", "browser");
export const DOCS_IMAGES = join(root, "docs", "images");
export const WRITE_DOCS = process.env.DECP_DOCS_SCREENSHOTS === "1";

/** The binary DECP_CHROMIUM names, else Debian's chromium on the PATH (CI installs it); null when there is none. */
export function findChromium(): string | null {
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => ["chromium", "chromium-browser"].map((name) => join(dir, name)));
  const candidates = [process.env.DECP_CHROMIUM, ...onPath, "/usr/bin/chromium"];
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

const shim = (name: string) => join(__dirname, "page", "shims", name.replace(/\.js$/, ".ts"));

/** The page script: the fake, the mock window and the checks, bundled for the browser. */
async function pageBundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, "page", "entry.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
    plugins: [
      {
        name: "node-stand-ins",
        setup(b) {
          b.onResolve({ filter: /^node:crypto$/ }, () => ({ path: shim("node-crypto.js") }));
          b.onResolve({ filter: /^node:util$/ }, () => ({ path: shim("node-util.js") }));
          b.onResolve({ filter: /^node:https?$/ }, () => ({ path: shim("node-http.js") }));
          b.onResolve({ filter: /^(node:)?path$/ }, () => ({ path: shim("node-path.js") }));
          b.onResolve({ filter: /^(node:)?fs$/ }, () => ({ path: join(root, "src", "shims", "empty.js") }));
          // The fake requires CodeMirror lazily: resolve that require to the same ESM build the imports use,
          // or the page holds two @codemirror/state instances and extensions stop being recognised.
          b.onResolve({ filter: /^@codemirror\// }, (args) =>
            args.kind === "require-call"
              ? b.resolve(args.path, { kind: "import-statement", resolveDir: args.resolveDir })
              : undefined,
          );
        },
      },
    ],
  });
  return result.outputFiles[0].text;
}

export interface DemoVault {
  files: Record<string, string>;
  hidden: Record<string, string>;
  dailyNotes: { folder: string; format: string; template: string };
}

function walk(dir: string, base: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, base, out);
    else out.push(relative(base, path).split("\\").join("/"));
  }
  return out;
}

/** The demo vault users get from `npm run demo`, built by the built CLI into a temp folder and read back. */
export function demoVault(): DemoVault {
  const dir = mkdtempSync(join(tmpdir(), "decp-browser-demo-"));
  try {
    execFileSync(process.execPath, [join(root, "dist", "cli.js"), "demo", dir, "--json"], { stdio: "ignore" });
    const files: Record<string, string> = {};
    const hidden: Record<string, string> = {};
    for (const path of walk(dir, dir, [])) {
      // The dbt project's own folder (SQL, YAML, manifest) is what the notes were imported from: not needed here.
      if (path.startsWith("dbt-project/") || path.startsWith(".obsidian/plugins/")) continue;
      const text = readFileSync(join(dir, path), "utf8");
      if (path.split("/").some((part) => part.startsWith("."))) hidden[path] = text;
      else files[path] = text;
    }
    const dailyNotes = JSON.parse(hidden[".obsidian/daily-notes.json"]) as DemoVault["dailyNotes"];
    return { files, hidden, dailyNotes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type PageApi = typeof pageApi;
type Checks = typeof checks;

/** One Chromium page with the window, the fake and main.js; `call` and `check` run page functions. */
export class ViewsPage {
  private constructor(
    private readonly browser: Browser,
    readonly page: Page,
  ) {}

  static async open(executablePath: string): Promise<ViewsPage> {
    const [script, browser] = await Promise.all([
      pageBundle(),
      chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"] }),
    ]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const theme = readFileSync(join(__dirname, "page", "theme.css"), "utf8");
    const styles = readFileSync(join(root, "styles.css"), "utf8");
    const main = readFileSync(join(root, "main.js"), "utf8");
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"></head><body class="theme-dark">` +
        `<div class="app"><div id="main-pane"></div><div id="right-pane"></div><div id="status-bar"></div></div></body></html>`,
    );
    await page.addStyleTag({ content: theme });
    await page.addStyleTag({ content: styles });
    await page.addScriptTag({ content: script });
    await page.addScriptTag({ content: `window.decpMain = function (require, module, exports) {\n${main}\n};` });
    if (errors.length) throw new Error(`The page failed to load: ${errors.join("; ")}`);
    return new ViewsPage(browser, page);
  }

  /** Calls a page function (window.decpPage) with JSON arguments. */
  call<K extends keyof PageApi>(name: K, ...args: Parameters<PageApi[K]>): Promise<Awaited<ReturnType<PageApi[K]>>> {
    return this.page.evaluate(
      ([n, a]) => (window as unknown as { decpPage: Record<string, (...x: unknown[]) => unknown> }).decpPage[n](...a),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<PageApi[K]>>>;
  }

  /** Calls a check (window.decpChecks) with JSON arguments. */
  check<K extends keyof Checks>(name: K, ...args: Parameters<Checks[K]>): Promise<Awaited<ReturnType<Checks[K]>>> {
    return this.page.evaluate(
      ([n, a]) =>
        (window as unknown as { decpChecks: Record<string, (...x: unknown[]) => unknown> }).decpChecks[n](...a),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<Checks[K]>>>;
  }

  start(options: StartOptions): Promise<void> {
    return this.call("start", options);
  }

  /** Saves a screenshot of `selector` (the whole window by default) as an artifact, and for the README when asked. */
  async screenshot(name: string, selector?: string, docs = false): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    const target = selector ? this.page.locator(selector).first() : this.page;
    const paths = [join(ARTIFACTS, `${name}.png`)];
    if (docs && WRITE_DOCS) {
      mkdirSync(DOCS_IMAGES, { recursive: true });
      paths.push(join(DOCS_IMAGES, `${name}.png`));
    }
    // A modal taller than the window scrolls: grow the window so the picture shows all of it.
    const height = selector
      ? await this.page.$eval(selector, (el) => Math.ceil(el.scrollHeight / 0.85) + 40).catch(() => 0)
      : 0;
    if (height > 800) await this.page.setViewportSize({ width: 1280, height: Math.min(height, 4000) });
    for (const path of paths) await target.screenshot({ path, animations: "disabled" });
    if (height > 800) await this.page.setViewportSize({ width: 1280, height: 800 });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
