import { maskDestination } from '@otp-relay/shared/mask-destination';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toStoredCode } from '../code-store.ts';
import { iso, message, T0 } from '../testing/relay-events.ts';
import { type Rendered, render } from '../testing/render.tsx';
import { CodeRow } from './code-row.tsx';
import type { CodeView } from './code-view.ts';

const ORIGIN = 'http://127.0.0.1:8787';

function view(overrides: Partial<CodeView> = {}, code = message(1, { code: '482913' })): CodeView {
  return { code: toStoredCode(code), state: 'live', remainingMs: 83_400, fraction: 0.139, ...overrides };
}

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
});

async function renderRow(v: CodeView, activeOrigin: string | null | undefined = ORIGIN) {
  const onCopy = vi.fn();
  const onFill = vi.fn();
  rendered = await render(<CodeRow view={v} activeOrigin={activeOrigin} onCopy={onCopy} onFill={onFill} />);
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
    expect(onFill).toHaveBeenCalledWith(message(3).id);
  });
});
