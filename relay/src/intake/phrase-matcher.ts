/** Where a phrase was found in the lower-cased text: [start, end). */
export interface Span {
  start: number;
  end: number;
}

// Scripts that separate words with spaces: only there does a phrase have to be a whole word.
const SPACED_LETTER = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
export const isSpacedLetter = (char: string | undefined): boolean => char !== undefined && SPACED_LETTER.test(char);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Compiles a phrase list (see code-words.ts for the `*` suffix) into one alternation, longest first, and
 * returns a function that finds every whole-word occurrence. One pass over the text, no backtracking
 * beyond a phrase's own length.
 */
export function phraseMatcher(phrases: readonly string[]): (lower: string) => Span[] {
  const open = new Set(phrases.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1)));
  const words = [...new Set(phrases.map((p) => (p.endsWith('*') ? p.slice(0, -1) : p)))].sort(
    (a, b) => b.length - a.length,
  );
  const pattern = new RegExp(words.map(escapeRegExp).join('|'), 'g');
  return (lower) => {
    const spans: Span[] = [];
    for (const match of lower.matchAll(pattern)) {
      const start = match.index;
      const word = match[0];
      let end = start + word.length;
      if (isSpacedLetter(word[0]) && isSpacedLetter(lower[start - 1])) continue;
      if (open.has(word)) {
        while (isSpacedLetter(lower[end])) end += 1;
      } else if (isSpacedLetter(word[word.length - 1]) && isSpacedLetter(lower[end])) {
        continue;
      }
      spans.push({ start, end });
    }
    return spans;
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
  const before = lastEndingBy(spans, position);
  for (let index = Math.max(0, before); index < spans.length; index += 1) {
    const span = spans[index] as Span;
    if (span.start >= position) return span;
  }
  return undefined;
}
