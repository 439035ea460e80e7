// `decp tally` and `decp pack`: exact token tallies of any selection, and context packs that stay
// within a budget. Parses flags, calls core, prints; the token cache lives in .decp/cache.

import type { Command } from "commander";
import {
  dbtNoteSelector,
  describeTally,
  formatTokens,
  loadNoteGraph,
  openTokenTally,
  packAroundFocus,
  packSummary,
  parseBudget,
  parseEncoding,
  renderPackMarkdown,
  resolveSelection,
  saveContextRecord,
  type NoteGraph,
  type Selection,
} from "../../core/context";
import { systemClock } from "../../core/ports";
import type { DecpSettings } from "../../core/settings";
import type { VaultPort } from "../../core/vault";
import { openCliVault, printResult } from "../cli-context";
import { checkOutFile, writeOutFile } from "../out-file";
import { createProgress } from "../progress";
import { TokenCacheFile } from "../token-cache-file";
import { lazyTokenCounter } from "../token-counter";

interface TallyOptions {
  select?: string;
  exclude?: string;
  tag?: string;
  linked?: string;
  depth?: string;
  encoding?: string;
  budget?: string;
  json?: boolean;
}

interface PackOptions {
  focus: string;
  budget?: string;
  depth?: string;
  select?: string;
  exclude?: string;
  columns?: string;
  task?: string;
  compiled?: boolean;
  out?: string;
  force?: boolean;
  record?: boolean;
  json?: boolean;
}

function withEncoding(settings: DecpSettings, encoding?: string): DecpSettings {
  return encoding ? { ...settings, encoding: parseEncoding(encoding) } : settings;
}

function chooseSelection(paths: string[], options: TallyOptions): Selection {
  if (options.select) return { kind: "dbt", selector: options.select, exclude: options.exclude };
  if (options.tag) return { kind: "tag", tag: options.tag };
  if (options.linked)
    return { kind: "links", from: options.linked, depth: options.depth === undefined ? 1 : Number(options.depth) };
  return paths.length > 0 ? { kind: "paths", paths } : { kind: "vault" };
}

function lazyGraph(vault: VaultPort, settings: DecpSettings): () => Promise<NoteGraph> {
  let graph: Promise<NoteGraph> | undefined;
  return () => (graph ??= loadNoteGraph(vault, { maxBytes: settings.maxTallyBytes }));
}

export function registerContextCommands(program: Command): void {
  program
    .command("tally <vault> [paths...]")
    .description("Exact token count of notes, folders (recursive), a tag, linked notes or a dbt selection")
    .option("--select <selector>", "dbt selector over model notes")
    .option("--exclude <selector>", "dbt selector to leave out (with --select)")
    .option("--tag <tag>", "notes with this tag (frontmatter or body)")
    .option("--linked <note>", "a note and the notes it links to")
    .option("--depth <n>", "link depth for --linked", "1")
    .option("--encoding <encoding>", "o200k_base (default) or cl100k_base")
    .option("--budget <n>", "budget for the share and phase (default: settings)")
    .option("--json", "print one JSON document")
    .action(async (root: string, paths: string[], options: TallyOptions) => {
      const opened = await openCliVault(root);
      const settings = withEncoding(opened.settings, options.encoding);
      const vault = opened.vault;
      const budget = options.budget ? parseBudget(options.budget) : settings.budget;
      const selection = await resolveSelection(chooseSelection(paths, options), {
        vault,
        graph: lazyGraph(vault, settings),
        selectDbt: dbtNoteSelector(vault, settings),
      });
      const progress = createProgress("Counting tokens", selection.paths.length, { json: options.json });
      const tally = await openTokenTally(
        vault,
        settings,
        new TokenCacheFile(vault.root),
        lazyTokenCounter(settings.encoding),
      );
      const result = await tally
        .tally(selection.paths, budget, settings, (path) => progress.tick(1, path))
        .finally(() => progress.done());
      // Dropping deleted files' counts takes a listing of the whole vault: a dbt selection (model notes
      // only) leaves that to a call that writes the cache anyway.
      if (!options.select || tally.cache.dirty) await tally.persist(await vault.list());
      const human = [
        ...result.files.map((f) => `${formatTokens(f.tokens).padStart(9)}  ${f.path}`),
        ...result.skipped.map((s) => `${"skipped".padStart(9)}  ${s.path} (${s.reason})`),
        `${describeTally(result)}: ${selection.label}`,
      ].join("\n");
      printResult(options, human, {
        total: result.total,
        encoding: result.encoding,
        budget: result.budget,
        share: result.share,
        phase: result.phase,
        selection: selection.label,
        files: result.files,
        skipped: result.skipped,
      });
    });

  program
    .command("pack <vault>")
    .description("Build a context pack around a model or note within a token budget")
    .requiredOption("--focus <note>", "model name, note name or vault path")
    .option("--budget <n>", "token budget (default: settings, 5000)")
    .option("--depth <n>", "rings around the focus", "1")
    .option("--select <selector>", "dbt selector restricting the candidates")
    .option("--exclude <selector>", "dbt selector to leave out (with --select)")
    .option("--columns <names>", "columns of the focus the task is about (comma separated): their readers rank first")
    .option("--task <text>", "the task in words; focus columns it names count as --columns")
    .option("--compiled", "model cards show compiled SQL instead of the raw SQL with refs")
    .option("--out <file>", "write the Markdown bundle to this file instead of stdout (a new file)")
    .option("--force", "with --out: replace the file if it exists")
    .option("--record", "also save a context decision record in the Context folder")
    .option("--json", "print the pack summary as JSON")
    .action(async (root: string, options: PackOptions) => {
      if (options.out) checkOutFile(options.out, options.force);
      const { vault, settings } = await openCliVault(root);
      const pack = await packAroundFocus(
        vault,
        settings,
        {
          focus: options.focus,
          budget: options.budget ? parseBudget(options.budget) : settings.budget,
          depth: Number(options.depth ?? 1),
          selector: options.select,
          exclude: options.exclude,
          columns: options.columns?.split(",").map((c) => c.trim()),
          task: options.task,
          sql: options.compiled ? "compiled" : "raw",
        },
        { store: new TokenCacheFile(vault.root), counter: lazyTokenCounter(settings.encoding) },
      );
      const markdown = renderPackMarkdown(pack);
      if (options.out) writeOutFile(options.out, markdown, options.force);
      const recordPath = options.record ? await saveContextRecord(vault, settings, pack, systemClock) : null;
      const summary = `Packed ${formatTokens(pack.used)} / ${formatTokens(pack.budget)} tokens (phase ${pack.phase} in a ${formatTokens(pack.contextWindow)}-token window): ${pack.included.length} included, ${pack.excluded.length} excluded${recordPath ? `; record ${recordPath}` : ""}${options.out ? `; written to ${options.out}` : ""}`;
      if (options.json) printResult(options, "", { ...packSummary(pack), record: recordPath });
      else if (!options.out) process.stdout.write(markdown);
      process.stderr.write(summary + "\n");
    });
}
