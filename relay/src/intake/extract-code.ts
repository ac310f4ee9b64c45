import { CODE_KEYWORDS, CURRENCY_WORDS, LOOK_ALIKE_PHRASES, NUMBER_LABELS } from './code-words.ts';
import { type Candidate, findCandidates } from './find-candidates.ts';
import { findLinks } from './find-links.ts';
import type { NormalizedText } from './normalize-text.ts';
import { firstStartingFrom, lastEndingBy, phraseMatcher, type Span } from './phrase-matcher.ts';

const findKeywords = phraseMatcher(CODE_KEYWORDS);
const findLookAlikes = phraseMatcher(LOOK_ALIKE_PHRASES);
const findLabels = phraseMatcher(NUMBER_LABELS);
const findCurrencies = phraseMatcher(CURRENCY_WORDS);

/** How far a keyword may be from its code, in characters of the same sentence. */
const REACH = { before: 80, after: 50, tightBefore: 16, tightAfter: 30, lookAlike: 100 } as const;

const SENTENCE_BREAK = /[\n!?。！？؟]|\.(?:\s|$)/;
// What may stand between a label and its number: "order no. 12345", "Order #: 12345", "尾号：1234".
const LABEL_FILLER = /\b(?:no|nr|num|number|id|is|es|de|do|da|số|n[º°])\b|[\s.:#=\-–—,(№：]/gu;
const CODE_LINE_FILLER = /[\s[\](){}<>「」【】『』"'“”«»*:：.\-–—|]/g;

interface Anchor {
  distance: number;
  /** The keyword is right next to the code ("code: 482913", "482913 is your code") or on the line above it. */
  tight: boolean;
}

const unbroken = (lower: string, from: number, to: number) => !SENTENCE_BREAK.test(lower.slice(from, to));
const isBlank = (char: string | undefined) => char === ' ' || char === '\n';

/** The line around [start, end) if it is at most `limit` characters long: bounded work on one-line megabytes. */
function shortLine(text: string, start: number, end: number, limit = 48): { from: number; to: number } | undefined {
  let from = start;
  while (from > 0 && text[from - 1] !== '\n') if (start - --from > limit) return undefined;
  let to = end;
  while (to < text.length && text[to] !== '\n') if (++to - end > limit) return undefined;
  return { from, to };
}

/** The closest keyword in the candidate's sentence, or on the line above a line that holds only the code. */
function anchorOf(candidate: Candidate, keywords: readonly Span[], { text, lower }: NormalizedText) {
  const anchors: Anchor[] = [];
  const before = keywords[lastEndingBy(keywords, candidate.start)];
  if (before) {
    const gap = candidate.start - before.end;
    if (gap <= REACH.before && unbroken(lower, before.end, candidate.start))
      anchors.push({ distance: gap, tight: gap <= REACH.tightBefore });
  }
  const after = firstStartingFrom(keywords, candidate.end);
  if (after) {
    const gap = after.start - candidate.end;
    if (gap <= REACH.after && unbroken(lower, candidate.end, after.start))
      anchors.push({ distance: gap, tight: gap <= REACH.tightAfter });
  }
  // Email layouts: "Your verification code:\n\n   482913\n" — the code alone on its line, a keyword above it.
  const line = shortLine(text, candidate.start, candidate.end);
  if (line && line.from > 0) {
    const rest = text.slice(line.from, candidate.start) + text.slice(candidate.end, line.to);
    let aboveEnd = line.from - 1;
    while (aboveEnd > 0 && isBlank(text[aboveEnd - 1])) aboveEnd -= 1;
    const keyword = keywords[lastEndingBy(keywords, aboveEnd)];
    const onLineAbove = keyword && aboveEnd - keyword.end <= 200 && !lower.slice(keyword.end, aboveEnd).includes('\n');
    if (onLineAbove && rest.replace(CODE_LINE_FILLER, '') === '') {
      anchors.push({ distance: candidate.start - keyword.end, tight: true });
    }
  }
  return anchors.sort((a, b) => Number(b.tight) - Number(a.tight) || a.distance - b.distance)[0];
}

/** A label or currency right before (or a currency right after) the candidate, or a promo in its sentence. */
function isLookAlike(candidate: Candidate, found: Found, lower: string): boolean {
  const directlyBefore = (spans: readonly Span[]) => {
    const span = spans[lastEndingBy(spans, candidate.start)];
    return (
      span !== undefined &&
      candidate.start - span.end <= 16 &&
      lower.slice(span.end, candidate.start).replace(LABEL_FILLER, '') === ''
    );
  };
  if (directlyBefore(found.labels) || directlyBefore(found.currencies)) return true;
  const currencyAfter = firstStartingFrom(found.currencies, candidate.end);
  if (currencyAfter && lower.slice(candidate.end, currencyAfter.start).trim() === '') return true;
  const promoBefore = found.lookAlikes[lastEndingBy(found.lookAlikes, candidate.start)];
  if (
    promoBefore &&
    candidate.start - promoBefore.end <= REACH.lookAlike &&
    unbroken(lower, promoBefore.end, candidate.start)
  )
    return true;
  const promoAfter = firstStartingFrom(found.lookAlikes, candidate.end);
  return (
    promoAfter !== undefined &&
    promoAfter.start - candidate.end <= REACH.lookAlike &&
    unbroken(lower, candidate.end, promoAfter.start)
  );
}

/** Shapes that pass only with a keyword right next to them: they look like too many other things. */
const needsTightAnchor = (candidate: Candidate) =>
  candidate.shape === 'mixed' ||
  candidate.shape === 'hashed' ||
  candidate.value.length >= 9 ||
  /^(?:19|20)\d\d$/.test(candidate.value); // a year

interface Found {
  labels: Span[];
  lookAlikes: Span[];
  currencies: Span[];
}

/** Marks [start, end) of every span in one byte per character: overlap tests in constant time. */
function coverage(length: number, ...lists: Span[][]): Uint8Array {
  const covered = new Uint8Array(length);
  for (const spans of lists) for (const { start, end } of spans) covered.fill(1, start, end);
  return covered;
}
const covers = (covered: Uint8Array, { start, end }: Span) => covered.subarray(start, end).includes(1);

/**
 * The verification code in a message, or null. Precision before recall: a code-shaped string counts only
 * with a code keyword in its sentence (or on the line above it) and none of the look-alike signs around it;
 * two different codes equally well anchored give null rather than a guess.
 */
export function extractCode(normalized: NormalizedText): string | null {
  const { lower } = normalized;
  const candidates = findCandidates(normalized.text);
  if (candidates.length === 0) return null;
  const found: Found = {
    labels: findLabels(lower),
    lookAlikes: findLookAlikes(lower),
    currencies: findCurrencies(lower),
  };
  // A keyword inside a label or promo phrase ("zip code", "promo code") is not a code keyword.
  const hidden = coverage(lower.length, found.labels, found.lookAlikes);
  const keywords = findKeywords(lower).filter((keyword) => !covers(hidden, keyword));
  if (keywords.length === 0) return null;
  const links = coverage(lower.length, findLinks(lower));

  const anchored: Array<{ value: string; anchor: Anchor }> = [];
  for (const candidate of candidates) {
    if (covers(links, candidate) || isLookAlike(candidate, found, lower)) continue;
    const anchor = anchorOf(candidate, keywords, normalized);
    if (!anchor || (!anchor.tight && needsTightAnchor(candidate))) continue;
    anchored.push({ value: candidate.value, anchor });
  }
  const tight = anchored.filter((entry) => entry.anchor.tight);
  const pool = tight.length > 0 ? tight : anchored;
  const values = new Set(pool.map((entry) => entry.value));
  return values.size === 1 ? (pool[0] as { value: string }).value : null;
}
