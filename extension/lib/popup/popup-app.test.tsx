import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AUTO_FILL_OUTCOMES_KEY } from '../auto-fill-outcomes.ts';
import { emptyCodeState, toStoredCode } from '../code-store.ts';
import { SESSION_KEYS } from '../session-state.ts';
import { message } from '../testing/relay-events.ts';
import { type Rendered, render, settle } from '../testing/render.tsx';
import { answerSiteQuestions } from '../testing/site-answers.ts';
import { PopupApp } from './popup-app.tsx';

const RELAY = 'http://127.0.0.1:8787';
let rendered: Rendered | undefined;

beforeEach(async () => {
  fakeBrowser.reset();
  answerSiteQuestions();
  await browser.windows.create({ focused: true });
});
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.restoreAllMocks();
});

async function renderPopup(): Promise<HTMLElement> {
  rendered = await render(<PopupApp />);
  await settle(10);
  return rendered.container;
}

describe('PopupApp', () => {
  it('asks to pair when there is no token, with the relay URL prefilled', async () => {
    const popup = await renderPopup();
    expect(popup.querySelector('[data-testid="connection-banner"]')?.getAttribute('data-status')).toBe('not-paired');
    const form = popup.querySelector('[data-testid="pairing-form"]');
    expect(form?.textContent).toContain('Pair with your relay');
    expect(form?.querySelector<HTMLInputElement>('input[name="relayUrl"]')?.value).toBe(RELAY);
    expect(form?.querySelector<HTMLInputElement>('input[name="token"]')?.type).toBe('password');
    expect(popup.querySelector('[data-testid="code-row"]')).toBeNull();
  });

  it('lists live codes with the connection state once paired', async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: 'tok' });
    const now = Date.now();
    const live = message(1, {
      createdAt: new Date(now - 10_000).toISOString(),
      expiresAt: new Date(now + 90_000).toISOString(),
      folder: 'spam',
    });
    await browser.storage.session.set({
      [SESSION_KEYS.codes]: { ...emptyCodeState(RELAY), codes: [toStoredCode(live)] },
      [SESSION_KEYS.connection]: { status: 'connected', relayUrl: RELAY, since: now },
    });
    const popup = await renderPopup();
    expect(popup.querySelector('[data-testid="pairing-form"]')).toBeNull();
    expect(popup.querySelector('[data-testid="connection-banner"]')?.getAttribute('data-status')).toBe('connected');
    const row = popup.querySelector<HTMLElement>('[data-testid="code-row"]');
    expect(row?.dataset).toMatchObject({ code: live.code, origin: RELAY, state: 'live', folder: 'spam' });
    expect(Number(row?.dataset.remaining)).toBeGreaterThan(85);
    expect(row?.querySelector('[data-testid="spam-marker"]')).not.toBeNull();
  });

  it('updates live when the background stores a new code', async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: 'tok' });
    const popup = await renderPopup();
    expect(popup.querySelector('[data-testid="empty-state"]')).not.toBeNull();
    const now = Date.now();
    const code = message(2, {
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 60_000).toISOString(),
    });
    await act(async () => {
      await browser.storage.session.set({
        [SESSION_KEYS.codes]: { ...emptyCodeState(RELAY), codes: [toStoredCode(code)] },
      });
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(popup.querySelectorAll('[data-testid="code-row"]')).toHaveLength(1);
  });

  it('drains the time bar as the code’s life runs out (full when sent, shorter each tick)', async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: 'tok' });
    const now = Date.now();
    const code = message(3, { createdAt: new Date(now).toISOString(), expiresAt: new Date(now + 4_000).toISOString() });
    await browser.storage.session.set({
      [SESSION_KEYS.codes]: { ...emptyCodeState(RELAY), codes: [toStoredCode(code)] },
      [SESSION_KEYS.connection]: { status: 'connected', relayUrl: RELAY, since: now },
    });
    const popup = await renderPopup();
    const width = () => Number.parseFloat(popup.querySelector<HTMLElement>('.countdown__fill')?.style.width ?? 'NaN');
    const widths = [width()];
    for (let tick = 0; tick < 3; tick++) {
      await settle(500);
      widths.push(width());
    }
    // A bar that fills instead (the mutation that survived: width = elapsed share) starts near 0 and grows.
    expect(widths[0]).toBeGreaterThan(85);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThan(widths[i - 1] as number);
    expect(widths.at(-1)).toBeGreaterThan(0);
    expect(widths.at(-1)).toBeLessThan(75);
  });

  it('shows what to do when the relay rejected the token, with the pairing form', async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: 'old' });
    await browser.storage.session.set({
      [SESSION_KEYS.connection]: { status: 'token-rejected', relayUrl: RELAY, since: Date.now() },
    });
    const popup = await renderPopup();
    const banner = popup.querySelector('[data-testid="connection-banner"]');
    expect(banner?.getAttribute('data-status')).toBe('token-rejected');
    expect(banner?.textContent).toMatch(/pair again/i);
    expect(popup.querySelector('[data-testid="pairing-form"]')).not.toBeNull();
  });

  it('says what auto-fill did in the active tab, and only while that tab is still on the armed origin', async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: 'tok' });
    const shop = 'https://shop.example.com';
    const tab = await browser.tabs.create({ url: `${shop}/verify`, active: true });
    const outcome = (reason: string, message: string, origin = shop) => ({
      [AUTO_FILL_OUTCOMES_KEY]: {
        [String(tab.id)]: { origin, codeId: 'MS1', ok: reason === 'filled', reason, message, at: Date.now() },
      },
    });
    await browser.storage.session.set(outcome('waiting', 'Waiting for a verification field to appear on this page.'));
    const popup = await renderPopup();
    const notice = () => popup.querySelector<HTMLElement>('[data-testid="auto-fill-outcome"]');
    expect(notice()?.textContent).toBe('Auto-fill: Waiting for a verification field to appear on this page.');
    // The script's report lands while the popup is open.
    await act(async () => {
      await browser.storage.session.set(outcome('filled', 'Filled.'));
    });
    await settle(10);
    expect(notice()?.textContent).toBe('Auto-fill: Filled.');
    expect(notice()?.dataset).toMatchObject({ ok: 'true', reason: 'filled' });
    // An outcome for the page the tab was on before it navigated is not about this page.
    await act(async () => {
      await browser.storage.session.set(outcome('filled', 'Filled.', 'https://other.example.com'));
    });
    await settle(10);
    expect(notice()).toBeNull();
  });
});
