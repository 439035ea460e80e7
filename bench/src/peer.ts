// 6. A peer on the same folder: repomix (which counts with gpt-tokenizer) finds, reads and counts the
// vault's files through its library API; decp's cold and warm tallies are reported as ratios to it.

import { FsVault } from "../../src/cli/fs-vault";
import { createTokenCounter, openTokenTally } from "../../src/core/context";
import { DEFAULT_SETTINGS } from "../../src/core/settings";
import { check, figure, progress, timeMedian, type Figure } from "./figures";

interface Repomix {
  mergeConfigs(cwd: string, file: object, cli: object): object;
  searchFiles(root: string, config: object): Promise<{ filePaths: string[] }>;
  collectFiles(
    paths: string[],
    root: string,
    config: object,
  ): Promise<{ rawFiles: { path: string; content: string }[] }>;
  TokenCounter: new (encoding: string) => { init(): Promise<void>; countTokens(text: string, path?: string): number };
  setLogLevel(level: number): void;
}

export async function benchPeer(root: string, reps: number): Promise<Figure[]> {
  progress("peer: repomix on the same folder");
  const repomix = (await import("repomix")) as unknown as Repomix;
  repomix.setLogLevel(-1);
  const counter = new repomix.TokenCounter("o200k_base");
  await counter.init();
  let peerCounts = new Map<string, number>();
  const peer = async (): Promise<void> => {
    const config = repomix.mergeConfigs(root, {}, {});
    const { filePaths } = await repomix.searchFiles(root, config);
    const { rawFiles } = await repomix.collectFiles(filePaths, root, config);
    peerCounts = new Map(rawFiles.map((f) => [f.path, counter.countTokens(f.content, f.path)]));
  };
  const peerMs = await timeMedian(peer, { reps, warmups: 1 });

  // decp end to end on the same folder: list, then tally through the service (tokenizer loaded).
  const vault = new FsVault(root);
  const settings = { ...DEFAULT_SETTINGS };
  const decpCounter = await createTokenCounter(settings.encoding);
  const warm = await openTokenTally(vault, settings, undefined, decpCounter);
  const coldMs = await timeMedian(
    async () =>
      (await openTokenTally(vault, settings, undefined, decpCounter)).tally(
        await vault.list(),
        settings.budget,
        settings,
      ),
    { reps, warmups: 1 },
  );
  await warm.tally(await vault.list(), settings.budget, settings);
  const warmMs = await timeMedian(async () => warm.tally(await vault.list(), settings.budget, settings), {
    reps: reps * 3,
    warmups: 1,
  });

  const ours = (await warm.tally(await vault.list(), settings.budget, settings)).files;
  const differing =
    ours.filter((f) => peerCounts.get(f.path) !== f.tokens).length + Math.abs(peerCounts.size - ours.length);
  return [
    figure("repomix_tally", peerMs, "ms", undefined, "repomix searchFiles + collectFiles + TokenCounter"),
    check("repomix_counts_identical", differing === 0, `${differing} files differ`),
    figure("decp_cold_vs_repomix", coldMs / peerMs, "x repomix"),
    figure("decp_warm_vs_repomix", warmMs / peerMs, "x repomix"),
  ];
}
