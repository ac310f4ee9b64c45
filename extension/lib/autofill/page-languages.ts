import type { Language } from './language-keywords.ts';

/**
 * Which language packs a page needs besides English, decided before the autofill script is injected: the
 * background runs this function in the page (`scripting.executeScript({ func })`, no arguments: the defaults
 * are the page's own), so it must stay self-contained (no imports, no closures). Three signals, each cheap:
 * - the `lang` of the page and of its first labelled block (`<html lang="pt-BR">`),
 * - the browser's own languages (a Spanish seller's browser asks for `es`, whatever the page declares),
 * - the scripts of the title and the first few thousand characters of text: Han → zh, Thai → th,
 *   Vietnamese letters (ơ, ư, đ and the stacked tones) → vi; ñ/¿ → es, ã/õ/ç → pt, both when only ó/é…
 *   (a Latin page without `lang` in a language we read).
 */
export function pageLanguages(
  doc: Document = document,
  browserLanguages: readonly string[] = navigator.languages,
): Language[] {
  const known = ['zh', 'es', 'pt', 'id', 'vi', 'th'];
  const found = new Set<string>();
  const tags = [doc.documentElement.lang, doc.querySelector('[lang]')?.getAttribute('lang') ?? ''];
  for (const tag of [...tags, ...browserLanguages]) {
    const language = tag.toLowerCase().split('-')[0] ?? '';
    found.add(language === 'in' ? 'id' : language); // "in" is the old code for Indonesian
  }
  const text = `${doc.title} ${(doc.body?.textContent ?? '').slice(0, 4000)}`;
  if (/[\u3400-\u9fff]/.test(text)) found.add('zh');
  if (/[\u0e00-\u0e7f]/.test(text)) found.add('th');
  if (/[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(text)) found.add('vi');
  if (/[ñ¿¡]/i.test(text)) found.add('es');
  if (/[ãõç]/i.test(text)) found.add('pt');
  if (!/[ñ¿¡ãõç]/i.test(text) && /[áéíóú]/i.test(text)) {
    found.add('es');
    found.add('pt');
  }
  return known.filter((language) => found.has(language)) as Language[];
}
