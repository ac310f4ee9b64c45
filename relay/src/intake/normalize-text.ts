/** The message text the matchers read, and the same text lower-cased with every index unchanged. */
export interface NormalizedText {
  text: string;
  lower: string;
}

// Digits of other scripts, folded to ASCII: Arabic SMS often carry Arabic-Indic digits (٤٨٢٩١٣), Thai ones
// Thai digits; NFKC already folds full-width digits (Japanese carriers send １２３４５６). Zero-width characters
// and soft hyphens are dropped: some senders put them between digits to stop carriers from linking them.
const DIGIT_BLOCKS = [0x660, 0x6f0, 0x966, 0xe50] as const;
const FOLD = /[٠-٩۰-۹०-९๐-๙\u00ad\u200b-\u200d\u2060\ufeff]/g;
const fold = (char: string): string => {
  const point = char.charCodeAt(0);
  const block = DIGIT_BLOCKS.find((base) => point >= base && point <= base + 9);
  return block === undefined ? '' : String(point - block);
};
// Runs of horizontal space become one space; a lone space (nearly every match otherwise) is left alone.
const HORIZONTAL_SPACE = /[^\S\n]{2,}|[^\S\n ]/g;
const NON_ASCII = /[\u0080-\uffff]/;

/**
 * NFKC (full-width and half-width forms, no-break spaces), foreign digits folded, invisible characters
 * dropped, runs of horizontal space collapsed to one space, CRLF to LF.
 */
export function normalizeText(raw: string): NormalizedText {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (NON_ASCII.test(text)) {
    // A full-width comma is CJK punctuation ("验证码482913，10分钟内有效"); NFKC would make it a thousands
    // separator, so it becomes the ideographic comma first.
    text = text.replaceAll('，', '、').normalize('NFKC').replace(FOLD, fold);
  }
  text = text.replace(HORIZONTAL_SPACE, ' ');
  let lower = text.toLowerCase();
  // A few characters lower-case to two (İ → i̇); keep indexes aligned by lower-casing those one by one.
  if (lower.length !== text.length) {
    lower = Array.from(text, (char) => {
      const low = char.toLowerCase();
      return low.length === char.length ? low : char;
    }).join('');
  }
  return { text, lower };
}
