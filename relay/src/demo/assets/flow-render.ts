import type { FlowView } from '../flow-view.ts';
import type { FlowElements } from './flow-elements.ts';

/** Writes what the code step says about `view`: where the code went and, on the confirm page, what it confirms. */
export function renderCodeStep(root: ParentNode, el: FlowElements, view: FlowView): void {
  el.maskedDestination.textContent = view.maskedDestination;
  el.sentChannel.textContent = view.channel === 'sms' ? 'SMS' : 'email';
  if (view.flow === 'confirm') {
    el.verifyButton.textContent = view.action === 'settings' ? 'Confirm change' : 'Confirm payout';
    const option = root.querySelector<HTMLElement>(`#action-${view.action}`);
    if (el.actionSummary) el.actionSummary.textContent = option?.dataset.summary ?? '';
  }
}

/** Swaps the code step for the done step (once) and moves focus to its heading, which says what succeeded. */
export function renderDone(el: FlowElements, message: string): void {
  if (!el.doneStep.hidden) return;
  el.doneHeading.textContent = message;
  el.codeStep.hidden = true;
  el.doneStep.hidden = false;
  el.doneHeading.focus();
}
