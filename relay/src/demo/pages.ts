import type { Channel } from '@otp-relay/shared';
import { DESTINATION_TEXT } from './assets/destination-text.ts';
import { channelChoice, codeStep, destinationField, doneStep, STATUS } from './flow-parts.ts';
import type { ConfirmAction } from './flow-store.ts';
import { escapeHtml, layout, SHOP_NAME } from './layout.ts';

/** The payout the confirm page asks about: fixed demo data, like a real dashboard's pending payout. */
export const PAYOUT = { amount: '$1,250.00', account: 'Chase Business Checking •••• 4821' };
export const NEW_BANK = 'Wells Fargo Business •••• 0937';

function flowRoot(kind: string, base: string, inner: string, extra = ''): string {
  return `<div class="flow" data-flow="${kind}" data-api="${escapeHtml(base)}/api"${extra}>${inner}</div>`;
}

export function homePage(base: string): string {
  const card = (path: string, title: string, text: string, cta: string) => `<li class="card flow-card">
    <h2><a href="${escapeHtml(base + path)}">${title}</a></h2>
    <p>${text}</p>
    <span class="card-cta" aria-hidden="true">${cta} →</span>
  </li>`;
  return layout({
    base,
    page: 'home',
    title: 'Home',
    body: `<h1>Welcome to ${SHOP_NAME} Seller Center</h1>
<p class="lead">Verification codes protect your shop at three moments. Try each one: the code arrives in the
otp-relay extension (or the relay's inbox API), never in this page. Two-step verification adds a code from your
authenticator app.</p>
<ul class="flow-cards">
  ${card('/signup', 'Account setup', 'Verify the phone number or email address of your seller account. We send a one-time code by SMS or email.', 'Verify phone or email')}
  ${card('/login', 'Log in from a new device', 'Signing in from a browser we have not seen before? Enter your password, then the code we email you.', 'Log in')}
  ${card('/confirm', 'Confirm a payout or settings change', `Withdraw ${PAYOUT.amount} or change your payout bank account: confirm it with a 6-digit code.`, 'Confirm payout')}
  ${card('/two-step', 'Turn on two-step verification', 'Add Seller Center to your authenticator app with a QR code, then sign in with the codes it shows.', 'Set up an authenticator')}
</ul>
<section class="card tips" aria-labelledby="tips-heading">
  <h2 id="tips-heading">About verification codes</h2>
  <ul>
    <li>Codes are valid for a short time. If yours expires, request a new one.</li>
    <li>Didn't get a code? Check your spam or junk folder, make sure your number or email is right, then resend.</li>
    <li>Never share a code with anyone. ${SHOP_NAME} staff will never ask for it.</li>
  </ul>
</section>`,
  });
}

export function signupPage(base: string, channel: Channel): string {
  return layout({
    base,
    page: 'signup',
    title: 'Account setup',
    script: 'flow-page',
    body: flowRoot(
      'signup',
      base,
      `<p class="eyebrow">Account setup · Step 2 of 3</p>
<h1>Verify your phone or email</h1>
<p class="lead">We'll send you a one-time code to make sure this contact belongs to you.</p>
<div class="card">
  ${STATUS}
  <form id="destination-step" class="step" novalidate>
    ${channelChoice(channel)}
    ${destinationField(channel)}
    <button id="send-code" class="btn btn-primary" type="submit">Send code</button>
  </form>
  ${codeStep({
    variant: 'single',
    intro: 'Enter the code we sent by',
    verifyLabel: 'Verify',
    editLabel: 'edit your number or email',
    editHref: `${base}/signup`,
  })}
  ${doneStep('Your contact details are verified. You can now finish setting up your shop.', base)}
</div>`,
    ),
  });
}

export function loginPage(base: string): string {
  return layout({
    base,
    page: 'login',
    title: 'Log in',
    script: 'flow-page',
    body: flowRoot(
      'login',
      base,
      `<h1>Log in to Seller Center</h1>
<p class="lead">Signing in from a new device? We'll email you a code to make sure it's you.</p>
<div class="card">
  ${STATUS}
  <form id="destination-step" class="step" novalidate>
    <input type="hidden" name="channel" value="email">
    <div class="field">
      <label for="destination-input">Email address</label>
      <input id="destination-input" name="to" type="email" autocomplete="username" placeholder="${escapeHtml(DESTINATION_TEXT.email.placeholder)}" required aria-describedby="destination-error" spellcheck="false" autocapitalize="off">
      <p class="field-error" id="destination-error" data-testid="destination-error"></p>
    </div>
    <div class="field">
      <label for="password-input">Password</label>
      <input id="password-input" name="password" type="password" autocomplete="current-password" required aria-describedby="password-hint password-error">
      <p class="hint" id="password-hint">Demo: any password works.</p>
      <p class="field-error" id="password-error" data-testid="password-error"></p>
    </div>
    <button id="send-code" class="btn btn-primary" type="submit">Log in</button>
  </form>
  ${codeStep({
    variant: 'single',
    intro: "This is a new device, so we need to make sure it's you. Enter the code we sent by",
    verifyLabel: 'Verify',
    editLabel: 'edit your email',
    editHref: `${base}/login`,
  })}
  ${doneStep('Welcome back. This device is now trusted for 30 days.', base)}
</div>`,
    ),
  });
}

export function confirmPage(base: string, action: ConfirmAction, channel: Channel): string {
  const option = (value: ConfirmAction, title: string, detail: string, summary: string) =>
    `<label class="choice choice-block"><input type="radio" name="action" id="action-${value}" value="${value}" data-summary="${escapeHtml(summary)}"${value === action ? ' checked' : ''}><span><strong>${title}</strong><span class="choice-detail">${detail}</span></span></label>`;
  return layout({
    base,
    page: 'confirm',
    title: 'Confirm payout',
    script: 'flow-page',
    body: flowRoot(
      'confirm',
      base,
      `<p class="eyebrow">Finance · Payouts</p>
<h1>Confirm it's you</h1>
<p class="lead">For your security, payouts and changes to payout settings need a one-time code.</p>
<div class="card">
  ${STATUS}
  <form id="destination-step" class="step" novalidate>
    <fieldset class="choices">
      <legend>What are you confirming?</legend>
      ${option(
        'payout',
        `Payout of <span data-testid="amount">${PAYOUT.amount}</span>`,
        `To ${PAYOUT.account}`,
        `Payout of ${PAYOUT.amount} to ${PAYOUT.account}`,
      )}
      ${option(
        'settings',
        'Change payout bank account',
        `From ${PAYOUT.account} to ${NEW_BANK}`,
        `New payout bank account: ${NEW_BANK}`,
      )}
    </fieldset>
    ${channelChoice(channel)}
    ${destinationField(channel)}
    <button id="send-code" class="btn btn-primary" type="submit">Send code</button>
  </form>
  ${codeStep({
    variant: 'split',
    intro: 'We sent the code by',
    verifyLabel: action === 'payout' ? 'Confirm payout' : 'Confirm change',
    editLabel: 'edit your number or email',
    editHref: `${base}/confirm`,
    summary: true,
  })}
  ${doneStep('Done. You will find it under Finance → Activity.', base)}
</div>`,
      ` data-action="${action}"`,
    ),
  });
}
