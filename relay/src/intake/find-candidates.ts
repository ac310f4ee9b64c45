import { CODE_PREFIXES, CURRENCY_SYMBOLS, NUMBER_SUFFIXES } from './code-words.ts';
import { isSpacedLetter } from './phrase-matcher.ts';

/** A string that has the shape of a code; whether it is one depends on the words around it (extract-code.ts). */
export interface Candidate {
  /** The code as a form wants it: digits without their group spaces or dashes, or the letter-and-digit token. */
  value: string;
  start: number;
  end: number;
  /**
   * `digits` 482913, `grouped` 482-913 / 482 913, `spaced` 4 8 2 9 1 3, `prefixed` G-482913,
   * `mixed` K7P9Q2 (letters and digits), `hashed` #482913.
   */
  shape: 'digits' | 'grouped' | 'spaced' | 'prefixed' | 'mixed' | 'hashed';
}

const isDigit = (char: string | undefined) => char !== undefined && char >= '0' && char <= '9';
const isDigitAt = (text: string, index: number) => {
  const code = text.charCodeAt(index); // NaN past the end
  return code >= 48 && code <= 57;
};
const MASK = '*•●·∙xX';

/** Length of the digit run starting at `from`. */
function runLength(text: string, from: number): number {
  let end = from;
  while (isDigitAt(text, end)) end += 1;
  return end - from;
}

/**
 * Whether `separator` joins the digit run before it (of length `before`) with the next one (of length `after`)
 * into one number. Joined numbers are then judged as a whole, so a phone number, a date or an amount is never
 * read as one of its parts: "415 555 0123" and "2024-05-01" and "1,234.56" all stay whole.
 */
function joins(separator: string | undefined, before: number, after: number): boolean {
  switch (separator) {
    case '.':
    case '/':
    case ':':
    case '-':
      return true;
    case ',':
      return after === 2 || after === 3; // 1,234 or 12,50; but "123456,5分钟" (full-width comma) is a code then a count
    case ' ':
      return before <= 4 && after <= 4;
    default:
      return false;
  }
}

/** The shape of a joined number, or undefined for a look-alike (phone, date, time, amount, card number). */
function shapeOf(lengths: number[], separators: string[]): Candidate['shape'] | undefined {
  let total = 0;
  for (const length of lengths) total += length;
  if (total < 4 || total > 10) return undefined;
  if (lengths.length === 1) return 'digits';
  const separator = separators[0];
  if ((separator !== ' ' && separator !== '-') || separators.some((other) => other !== separator)) return undefined;
  const length = lengths[0] as number;
  if (lengths.some((other) => other !== length)) return undefined;
  if (lengths.length === 2 && (length === 3 || length === 4)) return 'grouped';
  return separator === ' ' && length === 1 ? 'spaced' : undefined;
}

/** The non-space character before `index`, skipping one space. */
const previousChar = (text: string, index: number): string | undefined =>
  text[index - 1] === ' ' ? text[index - 2] : text[index - 1];

/** Structural look-alikes around a digit run: glued to letters, a currency, a mask, a longer number. */
function digitShapeInContext(
  text: string,
  start: number,
  end: number,
  shape: Candidate['shape'],
): { shape: Candidate['shape']; start: number } | undefined {
  const before = text[start - 1];
  const after = text[end];
  if (isSpacedLetter(after) || (after !== undefined && NUMBER_SUFFIXES.includes(after))) return undefined;
  const afterSpaced = after === ' ' ? text[end + 1] : after;
  if (afterSpaced !== undefined && (NUMBER_SUFFIXES.includes(afterSpaced) || CURRENCY_SYMBOLS.includes(afterSpaced)))
    return undefined;
  if (after === ' ' && runLength(text, end + 1) >= 3) return undefined; // "123456 7890": part of a longer number
  if (before === '-') {
    let letters = start - 1;
    while (letters > 0 && /[A-Za-z]/.test(text[letters - 1] as string)) letters -= 1;
    const prefix = text.slice(letters, start - 1);
    if (prefix === '') return { shape, start };
    const clean = !isSpacedLetter(text[letters - 1]) && !isDigit(text[letters - 1]);
    // G-482913 from Google; SKU-482913 or INV-2024 are not codes.
    return clean && (CODE_PREFIXES as readonly string[]).includes(prefix)
      ? { shape: 'prefixed', start: letters }
      : undefined;
  }
  if (isSpacedLetter(before)) return undefined; // A482913 is read as a mixed token, if at all
  if (before === '#') return { shape: 'hashed', start };
  const previous = previousChar(text, start);
  if (previous === undefined) return { shape, start };
  if (isDigit(previous) || previous === '+' || previous === ')' || MASK.includes(previous)) return undefined;
  if (CURRENCY_SYMBOLS.includes(previous)) return undefined;
  return { shape, start };
}

const isAsciiAlphanumeric = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Tokens of 4–10 upper-case letters and digits with at least one of each (K7P9Q2, not SAVE or 482913) that
 * start in [from, to), appended to `candidates`.
 */
export function findMixedTokens(text: string, from: number, to: number, candidates: Candidate[]): void {
  let index = from;
  while (index > 0 && isAsciiAlphanumeric(text.charCodeAt(index - 1))) index -= 1; // start at a token's start
  for (; index < to; ) {
    if (!isAsciiAlphanumeric(text.charCodeAt(index))) {
      index += 1;
      continue;
    }
    const start = index;
    let digits = 0;
    let upper = 0;
    let lower = 0;
    for (; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code >= 48 && code <= 57) digits += 1;
      else if (code >= 65 && code <= 90) upper += 1;
      else if (code >= 97 && code <= 122) lower += 1;
      else break;
    }
    const end = index;
    if (end - start < 4 || end - start > 10 || digits === 0 || upper === 0 || lower > 0) continue;
    const before = text[start - 1];
    const after = text[end];
    // Part of a longer identifier: SKU-AB12, v1.2.3A, an app hash "FA+9QCX9VSU", a path, a letter with a diacritic.
    if (before !== undefined && (isSpacedLetter(before) || '-_./+@=&'.includes(before))) continue;
    if (after !== undefined && (isSpacedLetter(after) || '-_/+@=&'.includes(after))) continue;
    if (after === '.' && isAsciiAlphanumeric(text.charCodeAt(end + 1))) continue;
    candidates.push({ value: text.slice(start, end), start, end, shape: 'mixed' });
  }
}

/**
 * Every digit code-shaped string: runs of 4–10 digits alone, in 3+3 or 4+4 groups, spaced out one by one,
 * behind a known letter prefix or a #. Linear in the text.
 */
export function findDigitCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (let index = 0; index < text.length; ) {
    if (!isDigitAt(text, index)) {
      index += 1;
      continue;
    }
    const start = index;
    // Group lengths and separators only: most numbers are look-alikes, so no strings are cut for them.
    const lengths: number[] = [];
    const separators: string[] = [];
    let cursor = index;
    for (;;) {
      const length = runLength(text, cursor);
      lengths.push(length);
      cursor += length;
      const separator = text[cursor];
      if (isDigitAt(text, cursor + 1) && joins(separator, length, runLength(text, cursor + 1))) {
        separators.push(separator as string);
        cursor += 1;
        continue;
      }
      break;
    }
    index = cursor;
    const shape = shapeOf(lengths, separators);
    if (shape === undefined) continue;
    const inContext = digitShapeInContext(text, start, cursor, shape);
    if (inContext !== undefined) {
      const value =
        separators.length === 0 ? text.slice(start, cursor) : text.slice(start, cursor).replace(/[ -]/g, '');
      candidates.push({ value, start: inContext.start, end: cursor, shape: inContext.shape });
    }
  }
  return candidates;
}
