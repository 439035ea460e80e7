// Which notes of a tally do not fit its budget. The budget takes the cheapest notes first, as many as
// fit, so "over budget" marks the notes that make the selection too big: never a 60-token note that
// happens to be listed after a large one.

export function notesPastBudget(files: readonly { path: string; tokens: number }[], budget: number): Set<string> {
  const cheapestFirst = [...files].sort((a, b) => a.tokens - b.tokens || a.path.localeCompare(b.path));
  const past = new Set<string>();
  let used = 0;
  for (const file of cheapestFirst) {
    // Sorted by size, so once one note does not fit, none after it does.
    if (past.size === 0 && used + file.tokens <= budget) used += file.tokens;
    else past.add(file.path);
  }
  return past;
}
