import { BINDING } from './binding.ts';
import type { CorpusCase } from './corpus-case.ts';
import { EAST_ASIAN } from './east-asian.ts';
import { EMAILS } from './emails.ts';
import { ENGLISH } from './english.ts';
import { HARDER } from './harder.ts';
import { OTHER_LANGUAGES } from './other-languages.ts';
import { ROMANCE_GERMANIC } from './romance-germanic.ts';
import { SOUTHEAST_ASIAN } from './southeast-asian.ts';

export type { CorpusCase } from './corpus-case.ts';
export { DEFAULT_TTL_MS } from './corpus-case.ts';

/** Every corpus message: the tests run them all, the bench figure measures precision and recall over them. */
export const CORPUS: readonly CorpusCase[] = [
  ...ENGLISH,
  ...ROMANCE_GERMANIC,
  ...SOUTHEAST_ASIAN,
  ...EAST_ASIAN,
  ...OTHER_LANGUAGES,
  ...EMAILS,
  ...BINDING,
  ...HARDER,
];
