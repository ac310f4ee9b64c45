import { activeKeywords } from './active-keywords.ts';
import { eraseField, fire, focusField, typeChar } from './fill-input.ts';
import type { FillKit } from './fill-split-inputs.ts';
import { isFillable } from './is-fillable.ts';
import { matchKeywords, normalizeText } from './match-keywords.ts';
import { nextTask, settle } from './next-task.ts';
import type { SubmitKit } from './submit-form.ts';

/**
 * What the parts use of autofill.js (autofill-parts.ts: submit-after-fill, the split-box fill), handed to them
 * so that they ship no second copy of it.
 */
export const PART_KIT: SubmitKit & FillKit = {
  visible: isFillable,
  says: (text, list) => matchKeywords(normalizeText(text), activeKeywords()[list]),
  erase: eraseField,
  fire,
  focus: focusField,
  type: typeChar,
  task: nextTask,
  settle,
};
