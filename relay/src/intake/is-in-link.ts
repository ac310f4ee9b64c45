// Characters a URL or email address can hold as written in a message; CJK text glued to a link ends it
// ("详情https://t.cn/A6x8查看"), so does a space, a quote or a bracket.
const LINK_CHAR = /[^\s<>"'()[\]{}\u3000-\u9fff\uac00-\ud7af\uff00-\uffef、。，]/;
const REACH = 300;

/**
 * Whether [start, end) sits inside a URL ("…/reset/482913", "amazon.com/package/482913", "www.x.com/482913")
 * or an email address ("u482913@mail.example"): digits there are never a code. Reads at most a few hundred
 * characters around the candidate, so its cost does not grow with the message.
 */
export function isInLink(lower: string, start: number, end: number): boolean {
  let from = start;
  while (from > 0 && start - from < REACH && LINK_CHAR.test(lower[from - 1] as string)) from -= 1;
  let to = end;
  while (to < lower.length && to - end < REACH && LINK_CHAR.test(lower[to] as string)) to += 1;
  const before = lower.slice(from, start);
  if (before.includes('://') || before.includes('www.') || before.includes('@')) return true;
  // A bare host with a path before the candidate: a dotted name, then a slash.
  if (/[a-z0-9-]\.[a-z]{2,}\//.test(before)) return true;
  // The local part of an email address: an @ after the candidate with a dotted domain behind it.
  const after = lower.slice(end, to);
  const at = after.indexOf('@');
  return at !== -1 && after.slice(at + 1).includes('.');
}
