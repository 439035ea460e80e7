import { createProgress, createStatusLine, type ProgressStream } from "../../src/cli/progress";

function recorder(columns = 80): ProgressStream & { text: string } {
  const stream = { text: "", isTTY: true, columns, write: (t: string) => (stream.text += t) };
  return stream;
}

describe("createProgress", () => {
  test("draws a bar on a terminal and clears it when done", () => {
    const stream = recorder();
    let clock = 0;
    const progress = createProgress("Importing", 4, { stream, interactive: true, now: () => (clock += 100) });
    for (let i = 0; i < 4; i++) progress.tick(1, `model_${i}`);
    expect(stream.text).toContain("Importing [######------------------] 1/4 model_0");
    expect(stream.text).toContain("Importing [########################] 4/4 model_3");
    progress.done();
    expect(stream.text.endsWith("\r\u001b[K")).toBe(true);
  });

  test("draws nothing when stdout is not a terminal, or with --json", () => {
    for (const options of [{ interactive: false }, { interactive: true, json: true }]) {
      const stream = recorder();
      const progress = createProgress("Tallying", 10, { stream, ...options });
      progress.tick(5);
      progress.done();
      expect(stream.text).toBe("");
    }
  });

  test("throttles redraws but always draws the last step", () => {
    const stream = recorder();
    const progress = createProgress("Tallying", 1000, { stream, interactive: true, now: () => 0 });
    for (let i = 0; i < 1000; i++) progress.tick();
    const frames = stream.text.split("\r").filter((f) => f.startsWith("Tallying"));
    expect(frames.length).toBe(2);
    expect(frames[1]).toContain("1000/1000");
  });

  test("a line never wraps past the terminal width", () => {
    const stream = recorder(30);
    const progress = createProgress("Importing", 2, { stream, interactive: true, now: () => 1000 });
    progress.tick(1, "a_very_long_model_name_that_would_wrap");
    const frame = stream.text.split("\r")[1].replace("\u001b[K", "");
    expect(frame.length).toBeLessThanOrEqual(29);
  });
});

describe("createStatusLine", () => {
  test("shows the latest message on a terminal and clears it", () => {
    const stream = recorder();
    let clock = 0;
    const status = createStatusLine({ stream, interactive: true, now: () => (clock += 100) });
    status.show("Reading TickTick");
    status.show("Syncing LOOP-003 (3/7)");
    status.done();
    expect(stream.text).toBe("\rReading TickTick\u001b[K\rSyncing LOOP-003 (3/7)\u001b[K\r\u001b[K");
  });

  test("is silent when stdout is piped", () => {
    const stream = recorder();
    const status = createStatusLine({ stream, interactive: false });
    status.show("Syncing LOOP-001 (1/1)");
    status.done();
    expect(stream.text).toBe("");
  });
});
