import { requiredElement } from './required-element.ts';

/** Every element a flow page's script drives, found once; a page missing one fails loudly, not halfway. */
export interface FlowElements {
  status: HTMLElement;
  destinationStep: HTMLFormElement;
  codeStep: HTMLFormElement;
  doneStep: HTMLElement;
  doneHeading: HTMLElement;
  destinationInput: HTMLInputElement;
  sendButton: HTMLButtonElement;
  verifyButton: HTMLButtonElement;
  resendButton: HTMLButtonElement;
  resendCountdown: HTMLElement;
  expiresIn: HTMLElement;
  editDestination: HTMLAnchorElement;
  maskedDestination: HTMLElement;
  sentChannel: HTMLElement;
  /** Confirm page only: the line saying what the code confirms. */
  actionSummary: HTMLElement | null;
}

export function flowElements(root: ParentNode): FlowElements {
  const one = <T extends Element>(selector: string): T => requiredElement<T>(root, selector);
  return {
    status: one('#status'),
    destinationStep: one('#destination-step'),
    codeStep: one('#code-step'),
    doneStep: one('#done-step'),
    doneHeading: one('#done-heading'),
    destinationInput: one('#destination-input'),
    sendButton: one('#send-code'),
    verifyButton: one('#verify'),
    resendButton: one('#resend'),
    resendCountdown: one('#resend-countdown'),
    expiresIn: one('#expires-in'),
    editDestination: one('#edit-destination'),
    maskedDestination: one('#masked-destination'),
    sentChannel: one('#sent-channel'),
    actionSummary: root.querySelector('#action-summary'),
  };
}
