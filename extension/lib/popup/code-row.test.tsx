import { maskDestination } from '@otp-relay/shared/mask-destination';
import type { Message } from '@otp-relay/shared/message';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toStoredCode } from '../code-store.ts';
import { pageAt } from '../registrable-domain.ts';
import { inboundMessage, iso, message, T0 } from '../testing/relay-events.ts';
import { type Rendered, render } from '../testing/render.tsx';
import { CodeRow } from './code-row.tsx';
import type { CodeView } from './code-view.ts';

const ORIGIN = 'http://127.0.0.1:8787';

function view(overrides: Partial<CodeView> = {}, code: Message = message(1, { code: '482913' })): CodeView {
  const stored = toStoredCode(code);
  if (!stored) throw new Error('a message without a code has no row');
  return { code: stored, state: 'live', remainingMs: 83_400, fraction: 0.139, ...overrides };
}

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

async function renderRow(v: CodeView, activeOrigin: string | null | undefined = ORIGIN) {
  const onCopy = vi.fn();
  const onFill = vi.fn();
  const activePage = typeof activeOrigin === 'string' ? pageAt(activeOrigin) : activeOrigin;
  rendered = await render(<CodeRow view={v} activePage={activePage} onCopy={onCopy} onFill={onFill} />);
  const row = rendered.container.querySelector<HTMLElement>('[data-testid="code-row"]');
  if (!row) throw new Error('no row');
  const button = (id: string) => row.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`) as HTMLButtonElement;
  return { row, onCopy, onFill, copy: button('copy-button'), fill: button('fill-button') };
}

describe('CodeRow', () => {
  it('shows the code in groups, where it went, the purpose and the time left', async () => {
    const { row } = await renderRow(view());
    expect(row.dataset).toMatchObject({
      code: '482913',
      origin: ORIGIN,
      state: 'live',
      folder: 'inbox',
      remaining: '84',
    });
    expect(row.querySelector('[data-testid="code-digits"]')?.textContent).toBe('482913');
    expect([...row.querySelectorAll('.code-digits__group')].map((g) => g.textContent)).toEqual(['482', '913']);
    expect(row.textContent).toContain('Log in');
    expect(row.querySelector('[data-testid="code-destination"]')?.textContent).toBe(
      `SMS to ${maskDestination('+14155550123')}`,
    );
    expect(row.querySelector('[data-testid="code-remaining"]')?.textContent).toBe('1:24');
    const bar = row.querySelector('[role="progressbar"]');
    expect(bar?.getAttribute('aria-valuenow')).toBe('84');
    expect(bar?.getAttribute('aria-valuemax')).toBe('600');
    expect(bar?.getAttribute('aria-valuetext')).toBe('1:24 remaining');
    expect(row.querySelector('[data-testid="spam-marker"]')).toBeNull();
  });

  it('marks a code that landed in the spam folder', async () => {
    const { row } = await renderRow(
      view({}, message(2, { folder: 'spam', channel: 'email', to: 'seller@example.com' })),
    );
    expect(row.dataset.folder).toBe('spam');
    expect(row.querySelector('[data-testid="spam-marker"]')?.textContent).toBe('Spam folder');
    expect(row.querySelector('[data-testid="code-destination"]')?.textContent).toBe(
      `Email to ${maskDestination('seller@example.com')}`,
    );
  });

  it('greys an expired code: no copy, no fill', async () => {
    const { row, copy, fill } = await renderRow(view({ state: 'expired', remainingMs: 0, fraction: 0 }));
    expect(row.dataset.state).toBe('expired');
    expect(row.classList.contains('code-row--expired')).toBe(true);
    expect(row.querySelector('[data-testid="expired-marker"]')).not.toBeNull();
    expect(row.querySelector('[data-testid="code-remaining"]')?.textContent).toBe('expired');
    expect(copy.disabled).toBe(true);
    expect(fill.disabled).toBe(true);
  });

  it.each([
    [
      'another origin',
      'http://localhost:8787',
      /For http:\/\/127\.0\.0\.1:8787 only; this tab is http:\/\/localhost:8787/,
    ],
    ['a non-web tab', null, /not a web page/],
  ])('disables Fill with the reason on %s', async (_name, activeOrigin, reason) => {
    const { row, fill } = await renderRow(view(), activeOrigin);
    expect(fill.disabled).toBe(true);
    const text = row.querySelector('[data-testid="fill-reason"]');
    expect(text?.textContent).toMatch(reason);
    expect(fill.getAttribute('aria-describedby')).toBe(text?.id);
  });

  it('copies and fills with real buttons on the exact origin', async () => {
    const { copy, fill, onCopy, onFill } = await renderRow(view({}, message(3, { createdAt: iso(T0) })));
    expect(fill.disabled).toBe(false);
    copy.click();
    fill.click();
    expect(onCopy).toHaveBeenCalledWith('100003');
    expect(onFill).toHaveBeenCalledWith(message(3).id, false);
  });
});

describe('CodeRow for a code from elsewhere', () => {
  const PAGE = 'https://seller-us.tiktok.com';

  it('says who sent it, and fills on a page of its site', async () => {
    const inbound = inboundMessage(1, { channel: 'email', from: 'no-reply@shop.tiktok.com', site: 'tiktok.com' });
    const { row, fill, onFill } = await renderRow(view({}, inbound), PAGE);
    expect(row.querySelector('[data-testid="code-sender"]')?.textContent).toBe('Email from no-reply@shop.tiktok.com');
    expect(row.dataset).toMatchObject({ source: 'inbound', site: 'tiktok.com', binding: 'sender-rule' });
    fill.click();
    expect(onFill).toHaveBeenCalledWith(inbound.id, false);
  });

  it('refuses a look-alike page, naming the site', async () => {
    const { row, fill } = await renderRow(view({}, inboundMessage(1)), 'https://tiktok.com.example');
    expect(fill.disabled).toBe(true);
    expect(row.querySelector('[data-testid="fill-reason"]')?.textContent).toBe(
      'For https pages of tiktok.com only; this tab is https://tiktok.com.example.',
    );
  });

  it('asks a second time before filling a code bound to no site, naming sender and page', async () => {
    const unbound = inboundMessage(2, { from: '+14155550199', site: null, binding: 'none' });
    const { row, fill, onFill } = await renderRow(view({}, unbound), PAGE);
    expect(fill.disabled).toBe(false);
    await act(async () => fill.click());
    expect(onFill).not.toHaveBeenCalled();
    expect(row.querySelector('[data-testid="fill-question"]')?.textContent).toBe(
      'Fill the code from +14155550199 into seller-us.tiktok.com?',
    );
    await act(async () => row.querySelector<HTMLButtonElement>('[data-testid="cancel-fill"]')?.click());
    expect(row.querySelector('[data-testid="fill-confirm"]')).toBeNull();
    await act(async () => fill.click());
    await act(async () => row.querySelector<HTMLButtonElement>('[data-testid="confirm-fill"]')?.click());
    expect(onFill).toHaveBeenCalledExactlyOnceWith(unbound.id, true);
  });
});
