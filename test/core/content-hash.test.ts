import { cacheKey, fingerprint, KeyHasher, shortFingerprint } from "../../src/core/content-hash";

// Fingerprints sit in users' vaults (install records, generated notes): their values must never move.
test.each([
  ["", "cbf29ce484222325", "811c9dc5"],
  ["a", "af63dc4c8601ec8c", "e40c292c"],
  ["foobar", "85944171f73967e8", "bf9cf968"],
])("fingerprints of %j are the published FNV-1a values", (text, long, short) => {
  expect(fingerprint(text)).toBe(long);
  expect(shortFingerprint(text)).toBe(short);
});

// Expected values computed independently (Python) from the FNV-1a definition.
test("fingerprint reads UTF-8 bytes, shortFingerprint UTF-16 code units (as the stored values were made)", () => {
  expect(fingerprint("é")).not.toBe(fingerprint("e"));
  expect(fingerprint("é")).toBe("0ac21707b7181e01");
  expect(shortFingerprint("é")).toBe("6c0b6c44");
});

test("the cache key tells texts apart and carries their length", () => {
  expect(cacheKey("some note")).toBe(cacheKey("some note"));
  expect(cacheKey("some note")).not.toBe(cacheKey("some notf"));
  expect(cacheKey("x".repeat(300))).toMatch(/^[0-9a-f]{14}-12c$/);
});

test("a key fed piece by piece is the cache key of the joined text, and numbers count by their 64 bits", () => {
  const key = () => new KeyHasher();
  expect(key().text("some ").text("note").digest()).toBe(cacheKey("some note"));
  expect(key().text("a").number(1733140000000.125).digest()).not.toBe(
    key().text("a").number(1733140000000.25).digest(),
  );
  expect(key().number(1).number(20).digest()).not.toBe(key().number(12).number(0).digest());
  expect(key().text("a").number(0).digest()).toMatch(/^[0-9a-f]{14}-9$/);
});
