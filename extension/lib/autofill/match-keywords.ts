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

const LATIN_ONLY = /^[\p{Script=Latin}\d ]+$/u;
const compiled = new WeakMap<readonly string[], RegExp>();

function escapeRegex(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One regex per keyword list, built on first use. */
function regexFor(keywords: readonly string[]): RegExp {
  let regex = compiled.get(keywords);
  if (!regex) {
    const parts = keywords.map((keyword) => {
      // A trailing * makes a prefix: ids glue words together ("promocode", "captchacharacters", "otpinput").
      const prefix = keyword.endsWith('*');
      const word = escapeRegex(normalizeText(prefix ? keyword.slice(0, -1) : keyword));
      // Latin words need boundaries ("pin" is inside "shipping", "zip" inside "unzip"); a digit may follow
      // ("otp1" for the first split box). CJK and Thai are written without spaces: match anywhere.
      if (!LATIN_ONLY.test(word)) return word;
      return prefix ? `(?<![\\p{L}])${word}` : `(?<![\\p{L}])${word}(?![\\p{L}])`;
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
