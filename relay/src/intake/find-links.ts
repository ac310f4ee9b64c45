import type { Span } from './phrase-matcher.ts';

// A URL runs from its scheme (or "www.") to the next space, quote, bracket or CJK/full-width character
// (Chinese SMS glue links to the sentence: "详情https://t.cn/A6x8查看"). Each match starts at a literal,
// so the scan stays linear on any input.
const URL_PATTERN = /(?:https?:\/\/|www\.)[^\s<>"'()[\]\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]*/g;
// A bare host with a path ("amzn.to/3xYz12", "tiktok.com/t/123456"): a dotted name right before a slash.
// The lookbehind pins each match to the start of a name, so a long run of letters is read once.
const HOST_PATH = /(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/[^\s<>"'()[\]\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]*/g;
const EMAIL_CHAR = /[\w.+-]/;

/** Spans of URLs and email addresses: digits inside them are never a code ("…/reset/482913", "u482913@x.com"). */
export function findLinks(lower: string): Span[] {
  const spans: Span[] = [];
  for (const pattern of [URL_PATTERN, HOST_PATH]) {
    for (const match of lower.matchAll(pattern)) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  // Email addresses by hand around each "@": a regex starting with [\w.+-]+ would retry from every letter.
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && EMAIL_CHAR.test(lower[start - 1] as string)) start -= 1;
    let end = at + 1;
    while (end < lower.length && EMAIL_CHAR.test(lower[end] as string)) end += 1;
    if (start < at && lower.slice(at + 1, end).includes('.')) spans.push({ start, end });
  }
  return spans;
}
