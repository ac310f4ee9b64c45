import { TIME_UNITS, VALIDITY_WORDS } from './expiry-words.ts';
import { firstStartingFrom, lastEndingBy, phraseMatcher } from './phrase-matcher.ts';

const findUnits = phraseMatcher(TIME_UNITS.map(([unit]) => unit));
const findValidity = phraseMatcher(VALIDITY_WORDS);
const UNIT_MS = new Map(TIME_UNITS.map(([unit, ms]) => [unit.replace(/\*$/, ''), ms]));
const OPEN_UNITS = TIME_UNITS.filter(([unit]) => unit.endsWith('*')).map(
  ([unit, ms]) => [unit.slice(0, -1), ms] as const,
);
const SENTENCE_BREAK = /[\n!?。！？؟]|\.(?:\s|$)/;
const MAX_MS = 24 * 3_600_000;

/** A matched unit is either listed as is or an inflection of an open stem (минуты, часа). */
const msOf = (unit: string): number | undefined =>
  UNIT_MS.get(unit) ?? OPEN_UNITS.find(([stem]) => unit.startsWith(stem))?.[1];

/**
 * How long the message says its code lasts, in milliseconds ("valid for 5 minutes", "5分钟内有效",
 * "berlaku 5 menit"), or null when it says nothing (or something past a day: that is not a code's lifetime).
 */
export function findExpiry(lower: string): number | null {
  const validity = findValidity(lower);
  if (validity.length === 0) return null;
  for (const unit of findUnits(lower)) {
    let digitsEnd = unit.start;
    if (lower[digitsEnd - 1] === ' ') digitsEnd -= 1;
    let digitsStart = digitsEnd;
    while (digitsStart > 0 && digitsEnd - digitsStart < 4 && /[0-9]/.test(lower[digitsStart - 1] as string))
      digitsStart -= 1;
    if (digitsStart === digitsEnd || /[0-9.]/.test(lower[digitsStart - 1] ?? '')) continue;
    const before = validity[lastEndingBy(validity, digitsStart)];
    const after = firstStartingFrom(validity, unit.end);
    const near =
      (before && digitsStart - before.end <= 40 && !SENTENCE_BREAK.test(lower.slice(before.end, digitsStart))) ||
      (after && after.start - unit.end <= 30 && !SENTENCE_BREAK.test(lower.slice(unit.end, after.start)));
    const ms = msOf(lower.slice(unit.start, unit.end));
    const amount = Number(lower.slice(digitsStart, digitsEnd));
    if (near && ms !== undefined && amount > 0 && amount * ms <= MAX_MS) return amount * ms;
  }
  return null;
}
