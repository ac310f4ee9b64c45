import { STATUS } from './flow-parts.ts';
import { outcomeOfError } from './flow-view.ts';
import { escapeHtml, layout, SHOP_NAME } from './layout.ts';
import { TOTP_SETTINGS, type TwoStepSetup } from './two-step-setups.ts';

/**
 * "Turn on two-step verification", as shop platforms ask sellers to: scan a QR code with an authenticator app
 * (or type the key), then prove it with the app's first code. Test hooks: [data-testid=totp-qr] (an img whose
 * data-otpauth-uri is what it encodes), [data-testid=totp-secret] (data-secret: the bare key), #code-input,
 * #verify, [data-testid=status], [data-testid=done].
 */
export function twoStepPage(base: string, setup: TwoStepSetup, qrDataUrl: string): string {
  return layout({
    base,
    page: 'two-step',
    title: 'Two-step verification',
    script: 'two-step-form',
    body: `<div class="flow" data-flow="two-step" data-api="${escapeHtml(base)}/api" data-setup="${escapeHtml(setup.id)}">
<p class="eyebrow">Settings · Security</p>
<h1>Turn on two-step verification</h1>
<p class="lead">Protect your shop with a code from an authenticator app each time you sign in from a new device.</p>
<div class="card">
  ${STATUS}
  <form id="two-step-step" class="step" novalidate>
    <ol class="setup-steps">
      <li>
        <h2>Scan this QR code with your authenticator app</h2>
        <p class="hint">Google Authenticator, Microsoft Authenticator, 1Password, Authy or any app for time-based codes.</p>
        <img class="qr" id="totp-qr" data-testid="totp-qr" src="${escapeHtml(qrDataUrl)}" data-otpauth-uri="${escapeHtml(setup.uri)}" width="200" height="200" alt="QR code to add ${SHOP_NAME} Seller Center to your authenticator app">
        <div class="manual-key">
          <p>Can't scan it? Enter this key in the app instead:</p>
          <p><code id="totp-secret" data-testid="totp-secret" data-secret="${escapeHtml(setup.secret)}">${escapeHtml(groupsOfFour(setup.secret))}</code></p>
          <p class="hint">Time-based, ${TOTP_SETTINGS.digits} digits, a new code every ${TOTP_SETTINGS.period} seconds.</p>
        </div>
      </li>
      <li>
        <div class="field">
          <label for="code-input">Enter the ${TOTP_SETTINGS.digits}-digit code the app shows</label>
          <input id="code-input" class="code-input" name="code" type="text" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code" maxlength="${TOTP_SETTINGS.digits}" required aria-describedby="code-error" spellcheck="false">
          <p class="field-error" id="code-error" data-testid="code-error"></p>
        </div>
      </li>
    </ol>
    <button id="verify" class="btn btn-primary" type="submit" disabled>Turn on</button>
  </form>
  <section id="done-step" class="step done" data-testid="done" hidden aria-labelledby="done-heading">
    <div class="done-icon" aria-hidden="true">✓</div>
    <h2 id="done-heading" tabindex="-1">Two-step verification is on</h2>
    <p>From now on we'll ask for a code from your authenticator app when you sign in from a new device.</p>
    <a class="btn btn-secondary" href="${escapeHtml(base)}/">Back to Seller Center</a>
  </section>
</div>
</div>`,
  });
}

/** Shown instead of a setup when the demo's global pace is spent (with status 429 and Retry-After). */
export function twoStepBusyPage(base: string, retryAfterSeconds: number): string {
  return layout({
    base,
    page: 'two-step',
    title: 'Two-step verification',
    body: `<h1>Turn on two-step verification</h1>
<div class="card">
  <div id="status" class="status" data-testid="status" data-state="error" role="alert">${escapeHtml(outcomeOfError('rate_limited', '', retryAfterSeconds).message)}</div>
  <a class="btn btn-secondary" id="try-again" href="${escapeHtml(base)}/two-step">Try again</a>
</div>`,
  });
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": how sites print a key to be typed. */
export function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
