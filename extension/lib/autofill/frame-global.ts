import type { AutofillParts } from './autofill-parts.ts';
import type { KeywordSet } from './keywords.ts';

/**
 * What the scripts the background injects into one frame share (autofill.js, its parts, the language packs),
 * whichever ran first: one global of the extension's isolated world, which the page's own scripts cannot see.
 */
export interface FrameGlobal {
  /** The language packs by language (active-keywords.ts). */
  packs?: Record<string, Partial<KeywordSet>>;
  /** The parts injected so far (autofill-parts.ts). */
  parts?: Partial<AutofillParts>;
  /** Stops the copy of autofill.js listening in this frame (install-autofill-listener.ts). */
  uninstall?: () => void;
}

const KEY = Symbol.for('otp-relay');

export function frameGlobal(): FrameGlobal {
  const holder = globalThis as { [KEY]?: FrameGlobal };
  holder[KEY] ??= {};
  return holder[KEY];
}
