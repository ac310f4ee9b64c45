import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { z } from 'zod';
import { hiddenCharacterIn } from './normalize-destination.ts';

/** E.164: a plus, the country code and the number, no spaces; then checked against real numbering plans. */
export function isE164Phone(to: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(to) && isValidPhoneNumber(to);
}

const emailSchema = z.email({ pattern: z.regexes.rfc5322Email });
export function isEmailAddress(to: string): boolean {
  return to.length <= 254 && hiddenCharacterIn(to) === undefined && emailSchema.safeParse(to).success;
}
