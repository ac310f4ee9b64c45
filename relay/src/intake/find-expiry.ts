import { TIME_UNITS, VALIDITY_WORDS } from './expiry-words.ts';
import { phraseMatcher } from './phrase-matcher.ts';

const units = phraseMatcher(TIME_UNITS.map(([unit]) => unit));
const validity = phraseMatcher(VALIDITY_WORDS);
const UNIT_MS = new Map(TIME_UNITS.map(([unit, ms]) => [unit.replace(/\*$/, ''), ms]));
const OPEN_UNITS = TIME_UNITS.filter(([unit]) => unit.endsWith('*')).map(
  ([unit, ms]) => [unit.slice(0, -1), ms] as const,
);
const SENTENCE_BREAK = /[\n!?。！？؟]|\.(?:\s|$)/;
const REACH = { before: 40, after: 30 } as const;
const MAX_MS = 24 * 3_600_000;
const DIGITS = /\d+/g;

/** A matched unit is either listed as is or an inflection of an open stem (минуты, часа). */
const msOf = (unit: string): number | undefined =>
  UNIT_MS.get(unit) ?? OPEN_UNITS.find(([stem]) => unit.startsWith(stem))?.[1];

/** Whether a validity word stands in the same sentence within reach of [start, end). */
function saysValid(lower: string, start: number, end: number): boolean {
  const from = Math.max(0, start - REACH.before - 16);
  const to = Math.min(lower.length, end + REACH.after + 16);
  return validity
    .find(lower, from, to)
    .some((word) =>
      word.end <= start
        ? start - word.end <= REACH.before && !SENTENCE_BREAK.test(lower.slice(word.end, start))
        : word.start >= end && word.start - end <= REACH.after && !SENTENCE_BREAK.test(lower.slice(end, word.start)),
    );
}

/**
 * How long the message says its code lasts, in milliseconds ("valid for 5 minutes", "5分钟内有效",
 * "berlaku 5 menit"), or null when it says nothing (or something past a day: that is not a code's lifetime).
 * Looks only behind numbers, so its cost follows the numbers in the message, not its length.
 */
export function findExpiry(lower: string): number | null {
  for (const match of lower.matchAll(DIGITS)) {
    const start = match.index;
    const end = start + match[0].length;
    if (match[0].length > 4 || lower[start - 1] === '.' || lower[start - 1] === ',') continue; // 1.5 hours
    const unit = units.at(lower, lower[end] === ' ' ? end + 1 : end);
    if (!unit) continue;
    const ms = msOf(lower.slice(unit.start, unit.end));
    const total = Number(match[0]) * (ms ?? 0);
    if (total > 0 && total <= MAX_MS && saysValid(lower, start, unit.end)) return total;
  }
  return null;
}
