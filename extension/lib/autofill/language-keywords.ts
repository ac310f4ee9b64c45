import type { KeywordSet } from './keywords.ts';
import { KEYWORDS as ES } from './languages/es.ts';
import { KEYWORDS as ID } from './languages/id.ts';
import { KEYWORDS as PT } from './languages/pt.ts';
import { KEYWORDS as TH } from './languages/th.ts';
import { KEYWORDS as VI } from './languages/vi.ts';
import { KEYWORDS as ZH } from './languages/zh.ts';

/** The languages with a keyword pack besides English: the sellers' languages (issue 3). */
export type Language = 'zh' | 'es' | 'pt' | 'id' | 'vi' | 'th';
export const LANGUAGES: readonly Language[] = ['zh', 'es', 'pt', 'id', 'vi', 'th'];

/**
 * Every pack by language (tests, the bench). A pack is injected into a page only when page-languages.ts says
 * the page is in that language; each ships as its own file (entrypoints/autofill-lang-*.ts, languages/*.ts).
 */
export const LANGUAGE_KEYWORDS: Record<Language, Partial<KeywordSet>> = {
  zh: ZH,
  es: ES,
  pt: PT,
  id: ID,
  vi: VI,
  th: TH,
};
