/**
 * Page text and attribute values → one comparable form: camelCase split, lower case, separators as spaces.
 * `verification_code`, `verificationCode` and `Verification-Code` all become "verification code".
 */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[_\-.:/#[\]()'’"*,;|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entries whose letters are all Latin (regex syntax aside) get word boundaries; see keywords.ts. */
const LATIN_ONLY = /^[\p{Script=Latin}\d ()|?[\]*]+$/u;
const compiled = new WeakMap<readonly string[], RegExp>();

/** One regex per keyword list, built on first use. */
function regexFor(keywords: readonly string[]): RegExp {
  let regex = compiled.get(keywords);
  if (!regex) {
    const parts = keywords.map((entry) => {
      // A trailing * makes a prefix: ids glue words together ("promocode", "captchacharacters", "otpinput").
      const prefix = entry.endsWith('*');
      const body = `(?:${prefix ? entry.slice(0, -1) : entry})`;
      // Latin words need boundaries ("pin" is inside "shipping", "zip" inside "unzip"); a digit may follow
      // ("otp1" for the first split box). CJK and Thai are written without spaces: match anywhere.
      if (!LATIN_ONLY.test(entry)) return body;
      return prefix ? `(?<!\\p{L})${body}` : `(?<!\\p{L})${body}(?!\\p{L})`;
    });
    regex = new RegExp(parts.join('|'), 'u');
    compiled.set(keywords, regex);
  }
  return regex;
}

/** Whether normalized `text` contains any of `keywords`. */
export function matchKeywords(text: string, keywords: readonly string[]): boolean {
  return text !== '' && regexFor(keywords).test(text);
}
