// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { confirmPage, homePage, loginPage, signupPage } from './pages.ts';
import { groupsOfFour, twoStepBusyPage, twoStepPage } from './two-step-pages.ts';
import { createTwoStepSetups } from './two-step-setups.ts';

/** Parsed inert (a template loads no stylesheet or script), then queried like the page's document. */
function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

const FLOW_PAGES = {
  signup: signupPage('/demo', 'sms'),
  login: loginPage('/demo'),
  confirm: confirmPage('/demo', 'payout', 'sms'),
};

describe.each(Object.entries(FLOW_PAGES))('the %s page', (_name, html) => {
  const doc = parse(html);

  it.each([
    '#destination-input',
    '#send-code',
    '#verify',
    '#resend',
    '#edit-destination',
    '[data-testid=status]',
    '[data-testid=masked-destination]',
    '[data-testid=expires-in]',
    '[data-testid=resend-countdown]',
  ])('has the test hook %s', (selector) => {
    expect(doc.querySelectorAll(selector)).toHaveLength(1);
  });

  it('announces outcomes in a live status line', () => {
    const status = doc.querySelector('[data-testid=status]');
    expect(status?.getAttribute('role')).toBe('status');
    expect(status?.getAttribute('aria-live')).toBe('polite');
    expect(status?.getAttribute('data-state')).toBe('idle');
  });

  it('labels every visible input', () => {
    for (const input of doc.querySelectorAll('input:not([type=hidden]):not([type=radio])')) {
      const labelled =
        input.hasAttribute('aria-label') || (input.id !== '' && doc.querySelector(`label[for="${input.id}"]`));
      expect(labelled, input.outerHTML).toBeTruthy();
    }
  });

  it('runs no inline script or handler, so a strict CSP holds', () => {
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    for (const script of doc.querySelectorAll('script')) expect(script.textContent?.trim()).toBe('');
  });

  it('says where to look when the code does not come, with a way back to edit the destination', () => {
    expect(doc.querySelector('[data-testid=help]')?.textContent).toMatch(
      /Didn't get it\? Check your spam or junk folder/,
    );
    expect(doc.querySelector('#edit-destination')?.getAttribute('href')).toMatch(/^\/demo\//);
  });
});

describe('code fields', () => {
  it('uses one OTP input on the signup and login pages', () => {
    for (const html of [FLOW_PAGES.signup, FLOW_PAGES.login]) {
      const input = parse(html).querySelector('#code-input');
      expect(input?.getAttribute('autocomplete')).toBe('one-time-code');
      expect(input?.getAttribute('inputmode')).toBe('numeric');
    }
  });

  it('uses six split digit boxes on the confirm page', () => {
    expect(parse(FLOW_PAGES.confirm).querySelectorAll('.otp-box[maxlength="1"]')).toHaveLength(6);
  });

  it('asks for the password on the login page and offers the channel on the others', () => {
    expect(parse(FLOW_PAGES.login).querySelector('#password-input')).not.toBeNull();
    expect(parse(FLOW_PAGES.signup).querySelectorAll('input[name=channel][type=radio]')).toHaveLength(2);
  });

  it('preselects the channel and action asked for in the query', () => {
    const doc = parse(confirmPage('/demo', 'settings', 'email'));
    expect(doc.querySelector<HTMLInputElement>('#action-settings')?.checked).toBe(true);
    expect(doc.querySelector<HTMLInputElement>('#channel-email')?.checked).toBe(true);
    expect(doc.querySelector('#destination-input')?.getAttribute('type')).toBe('email');
  });
});

describe('the home page', () => {
  it('links to all the flows', () => {
    const doc = parse(homePage('/demo'));
    const links = [...doc.querySelectorAll('.flow-card a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/demo/signup', '/demo/login', '/demo/confirm', '/demo/two-step']);
  });
});

describe('the two-step verification page', () => {
  const setup = createTwoStepSetups({ now: () => 0 }).start();
  const html = twoStepPage('/demo', setup, 'data:image/svg+xml;base64,PHN2Zy8+');
  const doc = parse(html);

  it.each([
    '[data-testid=totp-qr]',
    '[data-testid=totp-secret]',
    '#code-input',
    '#verify',
    '[data-testid=status]',
    '[data-testid=done]',
  ])('has the test hook %s', (selector) => {
    expect(doc.querySelectorAll(selector)).toHaveLength(1);
  });

  it('shows the QR code as an image with words for screen readers, and the key to type instead', () => {
    const qr = doc.querySelector('[data-testid=totp-qr]');
    expect(qr?.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(qr?.getAttribute('alt')).toMatch(/QR code/);
    expect(qr?.getAttribute('data-otpauth-uri')).toBe(setup.uri);
    const key = doc.querySelector('[data-testid=totp-secret]');
    expect(key?.getAttribute('data-secret')).toBe(setup.secret);
    expect(key?.textContent).toBe(groupsOfFour(setup.secret));
    expect(doc.textContent).toContain("Can't scan it? Enter this key in the app instead");
  });

  it('asks for the code in one OTP input with a label, and runs no inline script', () => {
    const input = doc.querySelector('#code-input');
    expect(input?.getAttribute('autocomplete')).toBe('one-time-code');
    expect(input?.getAttribute('maxlength')).toBe('6');
    expect(doc.querySelector('label[for="code-input"]')?.textContent).toBe('Enter the 6-digit code the app shows');
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    for (const script of doc.querySelectorAll('script')) expect(script.textContent?.trim()).toBe('');
  });

  it('says plainly when the demo is too busy to make a new key', () => {
    const busy = parse(twoStepBusyPage('/demo', 12));
    expect(busy.querySelector('[data-testid=status]')?.textContent).toBe(
      'Seller Center is getting too many requests right now. Try again in 12 seconds.',
    );
    expect(busy.querySelector('[data-testid=totp-secret]')).toBeNull();
  });

  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSW Y3DP EHPK 3PXP'],
    ['ABCDE', 'ABCD E'],
    ['ABCD', 'ABCD'],
  ])('prints the key %s as %s', (secret, printed) => {
    expect(groupsOfFour(secret)).toBe(printed);
  });
});
