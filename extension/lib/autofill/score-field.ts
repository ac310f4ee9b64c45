import { activeKeywords } from './active-keywords.ts';
import { fieldText } from './field-text.ts';
import { DENY_AUTOCOMPLETE } from './keywords.ts';
import { matchKeywords } from './match-keywords.ts';

/**
 * How much a single input, or a group of split boxes, looks like the place for a one-time code; `null` when it
 * must never get one. The threshold and the weights are tuned against fixtures/: each weight has fixtures
 * that fail without it.
 */
export function scoreField(inputs: readonly HTMLInputElement[], codeLength: number | undefined): number | null {
  const first = inputs[0];
  if (!first) return null;
  let hasOtpAutocomplete = false;
  // (Every input is of a code type already: find-otp-fields.ts only scores those.)
  for (const input of inputs) {
    const tokens = (input.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/);
    if (tokens.includes('one-time-code')) hasOtpAutocomplete = true;
    else if (tokens.some((token) => DENY_AUTOCOMPLETE.test(token))) return null;
  }
  const { own, context } = fieldText(inputs);
  const { strong: OTP_STRONG, weak: OTP_WEAK, denyHard: DENY_HARD, denySoft: DENY_SOFT } = activeKeywords();
  if (matchKeywords(own, DENY_HARD)) return null;
  const ownStrong = matchKeywords(own, OTP_STRONG);
  if (!ownStrong && !hasOtpAutocomplete && matchKeywords(own, DENY_SOFT)) return null;
  const ownWeak = !ownStrong && matchKeywords(own, OTP_WEAK);
  const contextStrong = matchKeywords(context, OTP_STRONG);

  const split = inputs.length > 1;
  let score = 0;
  if (hasOtpAutocomplete) score += 10;
  if (ownStrong) score += 6;
  if (ownWeak) score += 2;
  if (contextStrong) score += 3;
  else if (matchKeywords(context, OTP_WEAK)) score += 1;
  if (matchKeywords(context, DENY_HARD)) score -= 4;
  score += Math.min(2, numericHints(first));

  if (split) {
    if (codeLength !== undefined && inputs.length !== codeLength) return null;
    // 4–10 one-character boxes side by side are a code field's shape on their own.
    score += 4;
  } else {
    const maxLength = first.maxLength;
    // A field that cannot hold the code (a 4-char CVV box for a 6-digit code) is not for it.
    if (codeLength !== undefined && maxLength > 0 && maxLength < codeLength) return null;
    if (codeLength !== undefined && maxLength === codeLength) score += 2;
  }
  const evidence = hasOtpAutocomplete || ownStrong || ownWeak || contextStrong || split;
  return evidence && score >= THRESHOLD ? score : null;
}

const THRESHOLD = 5;
/** type=password/search/email/url… are never a code field; type=tel is (it brings up the digit keypad). */
export function hasCodeType(input: HTMLInputElement): boolean {
  return /^(text|tel|number)$/.test(input.type);
}

function numericHints(input: HTMLInputElement): number {
  let hints = 0;
  const inputMode = input.inputMode || input.getAttribute('inputmode') || '';
  if (inputMode === 'numeric' || inputMode === 'decimal') hints++;
  if (input.type === 'tel' || input.type === 'number') hints++;
  const pattern = input.getAttribute('pattern') ?? '';
  if (/\\d|\[0-9\]/.test(pattern)) hints++;
  return hints;
}
