import { CODE_KEYWORDS, CURRENCY_WORDS, LOOK_ALIKE_PHRASES, NUMBER_LABELS, UNIT_WORDS } from './code-words.ts';
import { type Candidate, findDigitCandidates, findMixedTokens } from './find-candidates.ts';
import { isInLink } from './is-in-link.ts';
import type { NormalizedText } from './normalize-text.ts';
import { firstStartingFrom, lastEndingBy, phraseMatcher, type Span } from './phrase-matcher.ts';

// One prefix-tree regex for all four lists; a phrase inside a longer one of another list ("code" in
// "zip code", "รหัส" in "รหัสอ้างอิง") is found only as the longer one, so labels and promos hide their keywords.
const KEYWORD = 1;
const LOOK_ALIKE = 2;
const LABEL = 4;
const CURRENCY = 8;
const UNIT = 16;
const phrases = phraseMatcher(CODE_KEYWORDS, LOOK_ALIKE_PHRASES, NUMBER_LABELS, CURRENCY_WORDS, UNIT_WORDS);

/** How far a keyword may be from its code, in characters of the same sentence. */
const REACH = {
  before: 80,
  after: 50,
  tightBefore: 16,
  tightAfter: 30,
  lookAlike: 100,
  lineAbove: 200,
  lineBelow: 24,
} as const;
/** Letter-and-digit tokens are looked for only this close to a keyword (they need a tight anchor anyway). */
const MIXED_REACH = { before: REACH.tightAfter + 12, after: REACH.tightBefore + 12 } as const;

const SENTENCE_BREAK = /[\n!?。！？؟]|\.(?:\s|$)/;
// What may stand between a label and its number: "order no. 12345", "Order #: 12345", "尾号：1234", and "to"
// and its kin for short codes: "reply STOP to 89203", "envía STOP al 89203", "kirim STOP ke 89203".
const LABEL_FILLER = /\b(?:no|nr|num|number|id|is|es|de|do|da|số|n[º°]|to|al|para|au|an|ke|at)\b|[\s.:#=\-–—,(№：]/gu;
const CODE_LINE_FILLER = /[\s[\](){}<>「」【】『』"'“”«»*:：.\-–—|]/g;

interface Found {
  keywords: Span[];
  labels: Span[];
  lookAlikes: Span[];
  currencies: Span[];
  units: Span[];
}

interface Anchor {
  distance: number;
  /** The keyword is right next to the code ("code: 482913", "482913 is your code") or on the line above it. */
  tight: boolean;
}

const unbroken = (lower: string, from: number, to: number) => !SENTENCE_BREAK.test(lower.slice(from, to));
const better = (a: Anchor | undefined, b: Anchor): Anchor =>
  !a || (b.tight && !a.tight) || (b.tight === a.tight && b.distance < a.distance) ? b : a;

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
  let anchor: Anchor | undefined;
  const before = keywords[lastEndingBy(keywords, candidate.start)];
  if (before) {
    const gap = candidate.start - before.end;
    if (gap <= REACH.before && unbroken(lower, before.end, candidate.start))
      anchor = better(anchor, { distance: gap, tight: gap <= REACH.tightBefore });
  }
  const after = firstStartingFrom(keywords, candidate.end);
  if (after) {
    const gap = after.start - candidate.end;
    if (gap <= REACH.after && unbroken(lower, candidate.end, after.start))
      anchor = better(anchor, { distance: gap, tight: gap <= REACH.tightAfter });
  }
  if (anchor?.tight) return anchor;
  // Email layouts: "Your verification code:\n\n   482913\n" — the code alone on its line, a keyword above it.
  const line = shortLine(text, candidate.start, candidate.end);
  if (!line) return anchor;
  const rest = text.slice(line.from, candidate.start) + text.slice(candidate.end, line.to);
  if (rest.replace(CODE_LINE_FILLER, '') !== '') return anchor;
  let aboveEnd = line.from - 1;
  while (aboveEnd > 0 && (text[aboveEnd - 1] === ' ' || text[aboveEnd - 1] === '\n')) aboveEnd -= 1;
  const above = line.from > 0 ? keywords[lastEndingBy(keywords, aboveEnd)] : undefined;
  if (above && candidate.start - above.end <= REACH.lineAbove && !lower.slice(above.end, aboveEnd).includes('\n'))
    return { distance: candidate.start - above.end, tight: true };
  // Or the code first and the keyword opening the next line: "482913\nLINEの認証番号です。"
  let belowStart = line.to;
  while (belowStart < text.length && (text[belowStart] === ' ' || text[belowStart] === '\n')) belowStart += 1;
  const below = firstStartingFrom(keywords, belowStart);
  if (below && below.start - belowStart <= REACH.lineBelow && !lower.slice(belowStart, below.start).includes('\n'))
    return { distance: below.start - candidate.end, tight: true };
  return anchor;
}

/** Whether the last of `spans` before the candidate stands right before it, only filler between. */
function directlyBefore(spans: readonly Span[], candidate: Candidate, lower: string): boolean {
  const span = spans[lastEndingBy(spans, candidate.start)];
  return (
    span !== undefined &&
    candidate.start - span.end <= 16 &&
    lower.slice(span.end, candidate.start).replace(LABEL_FILLER, '') === ''
  );
}

/** A label or currency right before, a currency or unit right after the candidate, or a promo in its sentence. */
function isLookAlike(candidate: Candidate, found: Found, lower: string): boolean {
  if (directlyBefore(found.labels, candidate, lower) || directlyBefore(found.currencies, candidate, lower)) return true;
  for (const after of [
    firstStartingFrom(found.currencies, candidate.end),
    firstStartingFrom(found.units, candidate.end),
  ])
    if (after && lower.slice(candidate.end, after.start).trim() === '') return true;
  const promoBefore = found.lookAlikes[lastEndingBy(found.lookAlikes, candidate.start)];
  if (promoBefore && candidate.start - promoBefore.end <= REACH.lookAlike) {
    if (unbroken(lower, promoBefore.end, candidate.start)) return true;
  }
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

/** Letter-and-digit tokens near the keywords only, each stretch of text read once. */
function mixedTokensNear(keywords: readonly Span[], text: string, candidates: Candidate[]): void {
  let from = 0;
  let to = 0;
  for (const keyword of keywords) {
    const start = Math.max(0, keyword.start - MIXED_REACH.before);
    const end = Math.min(text.length, keyword.end + MIXED_REACH.after);
    if (start > to) {
      if (to > from) findMixedTokens(text, from, to, candidates);
      from = start;
    }
    to = Math.max(to, end);
  }
  if (to > from) findMixedTokens(text, from, to, candidates);
}

/**
 * The verification code in a message, or null. Precision before recall: a code-shaped string counts only
 * with a code keyword in its sentence (or on the line above it) and none of the look-alike signs around it;
 * two different codes equally well anchored give null rather than a guess.
 */
export function extractCode(normalized: NormalizedText): string | null {
  const { text, lower } = normalized;
  const spans = phrases.find(lower);
  const keywords = spans.filter((span) => span.kinds & KEYWORD);
  if (keywords.length === 0) return null;
  const found: Found = {
    keywords,
    labels: spans.filter((span) => span.kinds & LABEL),
    lookAlikes: spans.filter((span) => span.kinds & LOOK_ALIKE),
    currencies: spans.filter((span) => span.kinds & CURRENCY),
    units: spans.filter((span) => span.kinds & UNIT),
  };
  const candidates = findDigitCandidates(text);
  mixedTokensNear(keywords, text, candidates);

  let best: Anchor | undefined;
  let value: string | null = null;
  let ambiguous = false;
  for (const candidate of candidates) {
    if (isLookAlike(candidate, found, lower) || isInLink(lower, candidate.start, candidate.end)) continue;
    const anchor = anchorOf(candidate, keywords, normalized);
    if (!anchor || (!anchor.tight && needsTightAnchor(candidate))) continue;
    if (best && anchor.tight === best.tight) {
      if (candidate.value !== value) ambiguous = true;
    } else if (!best || anchor.tight) {
      best = anchor;
      value = candidate.value;
      ambiguous = false;
    }
  }
  return ambiguous ? null : value;
}
