import type { Channel } from '@otp-relay/shared';
import { DESTINATION_TEXT } from './assets/destination-text.ts';
import { escapeHtml } from './layout.ts';

/**
 * The pieces the three flow pages share. The ids and data-testids are the browser tests' stable hooks:
 * #destination-input, #send-code, #code-input or .otp-box, #verify, #resend, [data-testid=status],
 * [data-testid=masked-destination], [data-testid=expires-in], [data-testid=resend-countdown].
 */

/** One live status line for the whole card; data-state is idle|sent|success|wrong|expired|locked|error. */
export const STATUS = `<div id="status" class="status" data-testid="status" data-state="idle" role="status" aria-live="polite" aria-atomic="true"></div>`;

export function channelChoice(selected: Channel): string {
  const radio = (value: Channel, label: string) =>
    `<label class="choice"><input type="radio" name="channel" id="channel-${value}" value="${value}"${value === selected ? ' checked' : ''}><span>${label}</span></label>`;
  return `<fieldset class="choices">
    <legend>Send the code by</legend>
    <div class="choice-row">${radio('sms', 'Text message (SMS)')}${radio('email', 'Email')}</div>
  </fieldset>`;
}

/** The destination field; the page script swaps its label and type when the channel changes. */
export function destinationField(channel: Channel, labelOverride?: string): string {
  const d = DESTINATION_TEXT[channel];
  return `<div class="field">
    <label for="destination-input" id="destination-label">${escapeHtml(labelOverride ?? d.label)}</label>
    <input id="destination-input" name="to" type="${d.type}" autocomplete="${d.autocomplete}" placeholder="${escapeHtml(d.placeholder)}" required aria-describedby="destination-hint destination-error" spellcheck="false" autocapitalize="off">
    <p class="hint" id="destination-hint">${escapeHtml(d.hint)}</p>
    <p class="field-error" id="destination-error" data-testid="destination-error"></p>
  </div>`;
}

export type CodeVariant = 'single' | 'split';

export interface CodeStepOptions {
  variant: CodeVariant;
  intro: string;
  verifyLabel: string;
  editLabel: string;
  /** Where Edit goes without the script: the page itself, which opens on the destination step. */
  editHref: string;
  /** A line above the code saying what is being confirmed (the confirm page fills it in). */
  summary?: boolean;
}

/** Step two: where the code went, the code field(s), countdowns, Verify, Resend and the "didn't get it" help. */
export function codeStep({ variant, intro, verifyLabel, editLabel, editHref, summary }: CodeStepOptions): string {
  const input =
    variant === 'single'
      ? `<div class="field">
    <label for="code-input">Verification code</label>
    <input id="code-input" class="code-input" name="code" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code" maxlength="10" required aria-describedby="code-error expires-in" spellcheck="false">
    <p class="field-error" id="code-error" data-testid="code-error"></p>
  </div>`
      : `<fieldset class="field otp-field" aria-describedby="code-error expires-in">
    <legend>Enter the 6-digit code</legend>
    <div class="otp-boxes" id="otp-boxes">${Array.from(
      { length: 6 },
      (_, i) =>
        `<input class="otp-box" type="text" inputmode="numeric" pattern="[0-9]" maxlength="1" autocomplete="${i === 0 ? 'one-time-code' : 'off'}" aria-label="Digit ${i + 1} of 6" data-index="${i}" spellcheck="false">`,
    ).join('')}</div>
    <p class="field-error" id="code-error" data-testid="code-error"></p>
  </fieldset>`;
  return `<form id="code-step" class="step" data-variant="${variant}" hidden novalidate>
  ${summary ? '<p class="summary" id="action-summary" data-testid="action-summary"></p>' : ''}
  <p class="sent-to">${escapeHtml(intro)} <span data-testid="channel" id="sent-channel"></span> to <strong data-testid="masked-destination" id="masked-destination"></strong>.</p>
  ${input}
  <p class="meta"><span class="timer" id="expires-in" data-testid="expires-in"></span></p>
  <div class="actions">
    <button id="verify" class="btn btn-primary" type="submit" disabled>${escapeHtml(verifyLabel)}</button>
    <button id="resend" class="btn btn-secondary" type="button"><span data-testid="resend-countdown" id="resend-countdown">Resend code</span></button>
  </div>
  <p class="help" data-testid="help">Didn't get it? Check your spam or junk folder, or <a id="edit-destination" data-testid="edit-destination" href="${escapeHtml(editHref)}">${escapeHtml(editLabel)}</a>.</p>
</form>`;
}

/** Shown instead of the code step once the code is accepted; the script puts the outcome in the heading. */
export function doneStep(text: string, base: string): string {
  return `<section id="done-step" class="step done" data-testid="done" hidden aria-labelledby="done-heading">
  <div class="done-icon" aria-hidden="true">✓</div>
  <h2 id="done-heading" tabindex="-1"></h2>
  <p>${escapeHtml(text)}</p>
  <a class="btn btn-secondary" href="${escapeHtml(base)}/">Back to Seller Center</a>
</section>`;
}
