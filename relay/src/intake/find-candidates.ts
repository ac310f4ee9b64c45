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
const MASK = '*•●·∙xX';

/** Length of the digit run starting at `from`. */
function runLength(text: string, from: number): number {
  let end = from;
  while (isDigit(text[end])) end += 1;
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
function shapeOf(groups: string[], separators: string[]): Candidate['shape'] | undefined {
  const digits = groups.join('');
  if (digits.length < 4 || digits.length > 10) return undefined;
  if (groups.length === 1) return 'digits';
  const uniform = separators.every((separator) => separator === separators[0]);
  if (!uniform || (separators[0] !== ' ' && separators[0] !== '-')) return undefined;
  const lengths = new Set(groups.map((group) => group.length));
  if (groups.length === 2 && lengths.size === 1 && (groups[0]?.length === 3 || groups[0]?.length === 4)) {
    return 'grouped';
  }
  if (separators[0] === ' ' && lengths.size === 1 && lengths.has(1)) return 'spaced';
  return undefined;
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

const MIXED_TOKEN = /[A-Za-z0-9]+/g;

/**
 * Every code-shaped string: digit runs of 4–10 digits (alone, 3+3 or 4+4 groups, spaced out one by one, behind a
 * known letter prefix or a #), and tokens of 4–10 upper-case letters and digits with at least one of each.
 * Linear in the text.
 */
export function findCandidates(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (let index = 0; index < text.length; ) {
    if (!isDigit(text[index])) {
      index += 1;
      continue;
    }
    const start = index;
    const groups: string[] = [];
    const separators: string[] = [];
    let cursor = index;
    for (;;) {
      const length = runLength(text, cursor);
      groups.push(text.slice(cursor, cursor + length));
      cursor += length;
      const separator = text[cursor];
      if (isDigit(text[cursor + 1]) && joins(separator, length, runLength(text, cursor + 1))) {
        separators.push(separator as string);
        cursor += 1;
        continue;
      }
      break;
    }
    index = cursor;
    const shape = shapeOf(groups, separators);
    if (shape === undefined) continue;
    const inContext = digitShapeInContext(text, start, cursor, shape);
    if (inContext !== undefined) {
      candidates.push({ value: groups.join(''), start: inContext.start, end: cursor, shape: inContext.shape });
    }
  }
  for (const match of text.matchAll(MIXED_TOKEN)) {
    const token = match[0];
    if (token.length < 4 || token.length > 10 || !/[0-9]/.test(token) || !/[A-Z]/.test(token) || /[a-z]/.test(token))
      continue;
    const start = match.index;
    const end = start + token.length;
    const before = text[start - 1];
    const after = text[end];
    // Part of a longer identifier: SKU-AB12, v1.2.3A, an app hash "FA+9QCX9VSU", a path, a letter with a diacritic.
    if (before !== undefined && (isSpacedLetter(before) || '-_./+@=&'.includes(before))) continue;
    if (after !== undefined && (isSpacedLetter(after) || '-_/+@=&'.includes(after))) continue;
    if (after === '.' && /[A-Za-z0-9]/.test(text[end + 1] ?? '')) continue;
    candidates.push({ value: token, start, end, shape: 'mixed' });
  }
  return candidates;
}
