// Daily note names use moment.js format strings (core Daily notes, Periodic Notes); core formats and
// parses them with luxon. Tokens are translated one by one and everything else stays literal.

import { DateTime } from "luxon";

/** `parseAs` is the luxon token used when reading a name back (luxon has no ordinals or 2-letter weekdays). */
type Part = { literal: string } | { luxon: string } | { custom: (d: DateTime) => string; parseAs: string };

function ordinal(n: number): string {
  const s =
    n % 100 >= 11 && n % 100 <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${s}`;
}

// Longest first, so "YYYY" wins over "YY" and "dddd" over "dd".
const TOKENS: [string, Part][] = [
  ["YYYY", { luxon: "yyyy" }],
  ["GGGG", { luxon: "kkkk" }],
  ["gggg", { luxon: "kkkk" }],
  ["MMMM", { luxon: "LLLL" }],
  ["DDDD", { luxon: "ooo" }],
  ["dddd", { luxon: "cccc" }],
  ["MMM", { luxon: "LLL" }],
  ["DDD", { luxon: "o" }],
  ["ddd", { luxon: "ccc" }],
  ["SSS", { luxon: "SSS" }],
  ["YY", { luxon: "yy" }],
  ["GG", { luxon: "kk" }],
  ["gg", { luxon: "kk" }],
  ["MM", { luxon: "LL" }],
  ["Mo", { custom: (d) => ordinal(d.month), parseAs: "L" }],
  ["DD", { luxon: "dd" }],
  ["Do", { custom: (d) => ordinal(d.day), parseAs: "d" }],
  ["dd", { custom: (d) => d.toFormat("ccc").slice(0, 2), parseAs: "''" }],
  ["WW", { luxon: "WW" }],
  ["ww", { luxon: "WW" }],
  ["HH", { luxon: "HH" }],
  ["hh", { luxon: "hh" }],
  ["mm", { luxon: "mm" }],
  ["ss", { luxon: "ss" }],
  ["ZZ", { luxon: "ZZZ" }],
  ["Q", { luxon: "q" }],
  ["M", { luxon: "L" }],
  ["D", { luxon: "d" }],
  ["d", { custom: (d) => String(d.weekday % 7), parseAs: "''" }],
  ["E", { luxon: "c" }],
  ["e", { custom: (d) => String(d.weekday % 7), parseAs: "''" }],
  ["W", { luxon: "W" }],
  ["w", { luxon: "W" }],
  ["H", { luxon: "H" }],
  ["h", { luxon: "h" }],
  ["m", { luxon: "m" }],
  ["s", { luxon: "s" }],
  ["A", { luxon: "a" }],
  ["a", { custom: (d) => d.toFormat("a").toLowerCase(), parseAs: "a" }],
  ["X", { luxon: "X" }],
  ["x", { luxon: "x" }],
  ["Z", { luxon: "ZZ" }],
];

function tokenize(format: string): Part[] {
  const parts: Part[] = [];
  const literal = (text: string): void => {
    const last = parts[parts.length - 1];
    if (last && "literal" in last) last.literal += text;
    else parts.push({ literal: text });
  };
  let i = 0;
  while (i < format.length) {
    if (format[i] === "[") {
      const end = format.indexOf("]", i);
      if (end > i) {
        literal(format.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    const hit = TOKENS.find(([token]) => format.startsWith(token, i));
    if (hit) {
      parts.push(hit[1]);
      i += hit[0].length;
    } else {
      literal(format[i]);
      i++;
    }
  }
  return parts;
}

/** Formats like moment(date).format(format). */
export function formatMomentDate(date: DateTime, format: string): string {
  return tokenize(format)
    .map((p) => ("literal" in p ? p.literal : "luxon" in p ? date.toFormat(p.luxon) : p.custom(date)))
    .join("");
}

/** The luxon format for a moment format; literal text is quoted, tokens luxon lacks become close equivalents. */
export function momentToLuxon(format: string): string {
  return tokenize(format)
    .map((p) => {
      if ("literal" in p) return p.literal === "" ? "" : `'${p.literal.replace(/'/g, "''")}'`;
      return "luxon" in p ? p.luxon : p.parseAs;
    })
    .join("");
}

/** Reads a note name written with `format`; null when it does not match. Ordinal suffixes are tolerated. */
export function parseMomentDate(text: string, format: string): DateTime | null {
  const hasOrdinal = /Do|Mo/.test(format.replace(/\[[^\]]*\]/g, ""));
  const input = hasOrdinal ? text.replace(/(\d+)(st|nd|rd|th)\b/g, "$1") : text;
  const parsed = DateTime.fromFormat(input, momentToLuxon(format), { locale: "en" });
  return parsed.isValid ? parsed : null;
}
