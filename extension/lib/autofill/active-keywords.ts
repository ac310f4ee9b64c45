import { frameGlobal } from './frame-global.ts';
import { ENGLISH, type KeywordSet } from './keywords.ts';

/**
 * The language packs (entrypoints/autofill-lang-*.ts) leave their lists in the frame's global (frame-global.ts),
 * shared by every script the background injects into this frame. The packs run before autofill.js, or later
 * (a Fill on a page that already had the script): read at every search.
 */
let merged = ENGLISH;
/** The `packs` object `merged` was made from (none yet: English alone). */
let mergedFrom: object | undefined;

/** Adds a language's pack to the lists the heuristics read (a second injection of the same pack replaces it). */
export function registerKeywords(language: string, pack: Partial<KeywordSet>): void {
  const shared = frameGlobal();
  shared.packs = { ...shared.packs, [language]: pack };
}

/**
 * English plus every registered pack; the same arrays until the packs change (match-keywords caches by them;
 * registering makes a new `packs` object).
 */
export function activeKeywords(): KeywordSet {
  const packs = frameGlobal().packs;
  if (mergedFrom !== packs) {
    mergedFrom = packs;
    merged = { ...ENGLISH };
    for (const pack of Object.values(packs ?? {})) {
      for (const key of Object.keys(merged) as (keyof KeywordSet)[])
        merged[key] = [...merged[key], ...(pack[key] ?? [])];
    }
  }
  return merged;
}

/** Back to English only (tests that load pages in several languages one after the other). */
export function resetKeywords(): void {
  delete frameGlobal().packs;
}
