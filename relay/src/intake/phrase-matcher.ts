/** Where a phrase was found in the lower-cased text: [start, end), and which lists it belongs to (a bit each). */
export interface Span {
  start: number;
  end: number;
  kinds: number;
}

// Scripts that separate words with spaces: only there does a phrase have to be a whole word.
const SPACED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
export const isSpacedLetter = (char: string | undefined): boolean => char !== undefined && SPACED_LETTER.test(char);

/** Latin, Greek and Cyrillic letters by code point: the characters a spaced-script word is made of. */
const isWordCode = (code: number) =>
  (code >= 97 && code <= 122) ||
  (code >= 65 && code <= 90) ||
  (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) ||
  (code >= 0x370 && code <= 0x4ff) ||
  (code >= 0x1e00 && code <= 0x1eff);

interface Entry {
  phrase: string;
  kinds: number;
}

const MAX_STEM = 12;
const NONE: readonly Entry[] = [];
/** The first two characters of a word, folded into 16 bits: a cheap gate before looking for open stems. */
const pairOf = (first: number, second: number) => (Math.imul(first, 31) + second) & 0xffff;
const hashStep = (hash: number, code: number) => (Math.imul(hash, 31) + code) | 0;
const hashOf = (text: string) => {
  let hash = 7;
  for (let index = 0; index < text.length; index += 1) hash = hashStep(hash, text.charCodeAt(index));
  return hash;
};
const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export interface PhraseMatcher {
  /** Every whole-word occurrence starting in [from, to), left to right, the longest phrase at each place. */
  find(lower: string, from?: number, to?: number): Span[];
  /** The occurrence starting exactly at `position`, if any. */
  at(lower: string, position: number): Span | undefined;
}

/**
 * Compiles phrase lists (see code-words.ts for the `*` suffix) into hash tables; list `i` sets bit `1 << i`
 * in a span's `kinds`. A spaced-script phrase is looked up once per word of the text, by the hash of its
 * first word (computed while reading the word); any other phrase (CJK, Thai, Arabic, "2fa", "% off") only
 * where its first character occurs. One pass, no regex, no backtracking: a 4 KiB email costs a few thousand
 * character reads and a few hundred map look-ups. A phrase inside a longer one ("code" in "promo code") is
 * found only as the longer one.
 */
export function phraseMatcher(...lists: ReadonlyArray<readonly string[]>): PhraseMatcher {
  const kinds = new Map<string, number>();
  const openKinds = new Map<string, number>();
  lists.forEach((phrases, index) => {
    for (const phrase of phrases) {
      const [word, table] = phrase.endsWith('*') ? [phrase.slice(0, -1), openKinds] : [phrase, kinds];
      table.set(word, (table.get(word) ?? 0) | (1 << index));
    }
  });
  const byFirstWord = new Map<number, Entry[]>(); // hash of the first word → phrases, longest first
  const byFirstChar = new Map<number, Entry[]>(); // first character → phrases, longest first
  const stems = new Map<number, Entry[]>(); // hash of an open stem → stems
  const stemLengths = new Set<number>();
  const stemPairs = new Uint8Array(0x10000);
  for (const [phrase, phraseKinds] of kinds) {
    const entry = { phrase, kinds: phraseKinds };
    if (isWordCode(phrase.charCodeAt(0))) {
      let end = 0;
      while (end < phrase.length && isWordCode(phrase.charCodeAt(end))) end += 1;
      push(byFirstWord, hashOf(phrase.slice(0, end)), entry);
    } else {
      push(byFirstChar, phrase.charCodeAt(0), entry);
    }
  }
  for (const [stem, stemKinds] of openKinds) {
    const entry = { phrase: stem, kinds: stemKinds };
    if (isWordCode(stem.charCodeAt(0)) && stem.length <= MAX_STEM) {
      push(stems, hashOf(stem), entry);
      stemLengths.add(stem.length);
      stemPairs[pairOf(stem.charCodeAt(0), stem.charCodeAt(1))] = 1;
    } else {
      push(byFirstChar, stem.charCodeAt(0), entry); // "ثوان*": Arabic is matched inside words anyway
    }
  }
  const firstChars = new Uint8Array(0x10000); // a table read per character, where a Map look-up would cost 10×
  for (const code of byFirstChar.keys()) firstChars[code] = 1;
  for (const table of [byFirstWord, byFirstChar])
    for (const list of table.values()) list.sort((a, b) => b.phrase.length - a.phrase.length);
  const lengths = [...stemLengths].sort((a, b) => b - a);
  const prefixHashes = new Int32Array(MAX_STEM + 1);

  /** The span of `entry` at `start` if the text has it there, as a whole word (or an open stem's inflection). */
  const spanOf = (lower: string, start: number, entry: Entry, open: boolean): Span | undefined => {
    if (!lower.startsWith(entry.phrase, start)) return undefined;
    const { phrase } = entry;
    let end = start + phrase.length;
    if (isSpacedLetter(phrase[0]) && isSpacedLetter(lower[start - 1])) return undefined;
    if (open) {
      while (isSpacedLetter(lower[end])) end += 1;
    } else if (isSpacedLetter(phrase[phrase.length - 1]) && isSpacedLetter(lower[end])) {
      return undefined;
    }
    return { start, end, kinds: entry.kinds };
  };

  /** The phrase starting at a word's first letter, or the index where the word ends. */
  const atWord = (lower: string, start: number): Span | number => {
    const stemmed = stemPairs[pairOf(lower.charCodeAt(start), lower.charCodeAt(start + 1))] === 1;
    let hash = 7;
    let end = start;
    for (; end < lower.length; end += 1) {
      const code = lower.charCodeAt(end);
      if (!isWordCode(code)) break;
      hash = hashStep(hash, code);
      if (stemmed && end - start < MAX_STEM) prefixHashes[end - start + 1] = hash;
    }
    for (const entry of byFirstWord.get(hash) ?? NONE) {
      const span = spanOf(lower, start, entry, false);
      if (span) return span;
    }
    if (!stemmed || end - start < 2) return end;
    for (const length of lengths) {
      if (length > end - start) continue;
      for (const entry of stems.get(prefixHashes[length] as number) ?? NONE) {
        const span = spanOf(lower, start, entry, true);
        if (span) return span;
      }
    }
    return end;
  };

  const atChar = (lower: string, position: number): Span | undefined => {
    for (const entry of byFirstChar.get(lower.charCodeAt(position)) ?? NONE) {
      const span = spanOf(lower, position, entry, openKinds.has(entry.phrase));
      if (span) return span;
    }
    return undefined;
  };

  return {
    find(lower, from = 0, to = lower.length) {
      const spans: Span[] = [];
      let index = from;
      while (index < to) {
        const code = lower.charCodeAt(index);
        if (isWordCode(code)) {
          if (index > 0 && isWordCode(lower.charCodeAt(index - 1))) {
            index += 1; // the middle of a word that started before `from`
            continue;
          }
          const found = atWord(lower, index);
          if (typeof found === 'number') {
            index = found;
          } else {
            spans.push(found);
            index = found.end;
          }
        } else {
          const found = firstChars[code] === 1 ? atChar(lower, index) : undefined;
          if (found) {
            spans.push(found);
            index = found.end;
          } else {
            index += 1;
          }
        }
      }
      return spans;
    },
    at(lower, position) {
      if (!isWordCode(lower.charCodeAt(position))) return atChar(lower, position);
      if (position > 0 && isWordCode(lower.charCodeAt(position - 1))) return undefined;
      const found = atWord(lower, position);
      return typeof found === 'number' ? undefined : found;
    },
  };
}

/** Index of the last span ending at or before `position` (spans sorted and not overlapping), or -1. */
export function lastEndingBy(spans: readonly Span[], position: number): number {
  let low = 0;
  let high = spans.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((spans[middle] as Span).end <= position) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/** The first span starting at or after `position` (spans sorted and not overlapping), if any. */
export function firstStartingFrom(spans: readonly Span[], position: number): Span | undefined {
  for (let index = Math.max(0, lastEndingBy(spans, position)); index < spans.length; index += 1) {
    const span = spans[index] as Span;
    if (span.start >= position) return span;
  }
  return undefined;
}
