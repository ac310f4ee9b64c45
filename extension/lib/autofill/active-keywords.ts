import { ENGLISH, type KeywordSet } from './keywords.ts';

/**
 * Where the injected language packs (entrypoints/autofill-lang-*.ts) leave their lists: a global of the
 * extension's isolated world, shared by every script the background injects into this frame. The packs run
 * before autofill.js, or later (a Fill on a page that already had the script): read at every search.
 */
const PACKS = Symbol.for('otp-relay/keyword-packs');
type PackHolder = { [PACKS]?: Record<string, Partial<KeywordSet>> };

let merged: { count: number; set: KeywordSet } | undefined;

/** Adds a language's pack to the lists the heuristics read (a second injection of the same pack replaces it). */
export function registerKeywords(language: string, pack: Partial<KeywordSet>): void {
  const holder = globalThis as PackHolder;
  holder[PACKS] = { ...holder[PACKS], [language]: pack };
}

/** English plus every registered pack; the same arrays until a pack is added (match-keywords caches by them). */
export function activeKeywords(): KeywordSet {
  const packs = Object.values((globalThis as PackHolder)[PACKS] ?? {});
  if (merged?.count !== packs.length) {
    const set = { ...ENGLISH };
    for (const pack of packs) {
      for (const key of Object.keys(set) as (keyof KeywordSet)[]) set[key] = [...set[key], ...(pack[key] ?? [])];
    }
    merged = { count: packs.length, set };
  }
  return merged.set;
}

/** Back to English only (tests that load pages in several languages one after the other). */
export function resetKeywords(): void {
  delete (globalThis as PackHolder)[PACKS];
}
