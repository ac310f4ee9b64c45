import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Rendered, render, settle } from '../testing/render.tsx';
import { sessionRelayFetch } from '../testing/session-relay-fetch.ts';
import { PhoneSetup } from './phone-setup.tsx';

/*
 * The options page's phone setup against a relay that answers like the real one (its routes and shapes; the
 * real relay and Chromium: test/flows/phone-sms.test.ts). What matters: the token on every call, the secret
 * shown with the URL and QR right after adding, and never again.
 */

let rendered: Rendered | undefined;
afterEach(async () => {
  await rendered?.unmount();
  rendered = undefined;
  vi.unstubAllGlobals();
});

const URL_OF = (id: string) => `https://192.168.1.20:8788/phone/${id}`;
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

/** The relay's phone routes, behind its session protocol for `token` (the token is proved, never sent). */
function fakeRelay(token: string) {
  const phones: Array<{ id: string; app: string; name: string; url: string; createdAt: string }> = [];
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const { fetch: relayFetch, calls } = sessionRelayFetch(token, async (method, url, body) => {
    if (method === 'GET' && url.pathname === '/api/v1/phones') return json(200, { phones });
    if (method === 'POST' && url.pathname === '/api/v1/phones') {
      const { app, name } = JSON.parse(body) as { app: string; name: string };
      const phone = { id: `PH${String(phones.length + 1).padStart(16, '0')}`, app, name, createdAt: '' };
      phones.push({ ...phone, url: URL_OF(phone.id) });
      return json(201, { ...phone, url: URL_OF(phone.id), secret: 's3cret-shown-once' });
    }
    const qr = /^\/api\/v1\/phones\/(PH\d+)\/qr$/.exec(url.pathname);
    if (method === 'GET' && qr) return json(200, { url: URL_OF(qr[1] as string), svg: SVG });
    const one = /^\/api\/v1\/phones\/(PH\d+)$/.exec(url.pathname);
    if (method === 'DELETE' && one) {
      const index = phones.findIndex((p) => p.id === one[1]);
      const [removed] = phones.splice(index, 1);
      return json(200, removed);
    }
    return json(404, {});
  });
  vi.stubGlobal('fetch', relayFetch);
  return { phones, calls };
}

function typeInto(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

const $ = (root: HTMLElement, testId: string) => root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
/** The first button inside the element with this test id (a test failure if there is none). */
function buttonIn(root: HTMLElement, testId: string): HTMLButtonElement {
  const button = $(root, testId)?.querySelector('button');
  if (!button) throw new Error(`no button in ${testId}`);
  return button;
}

describe('PhoneSetup', () => {
  it('adds a phone: URL, secret (this once), the relay’s QR code and the app’s steps; the token on every call', async () => {
    const relay = fakeRelay('pairing-token');
    rendered = await render(<PhoneSetup relayUrl="http://127.0.0.1:8787" token="pairing-token" />);
    await settle(10);
    const root = rendered.container;
    expect(root.textContent).toContain('No phones yet.');
    await act(async () => typeInto(root.querySelector('input') as HTMLInputElement, 'Pixel 8'));
    await act(async () => {
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    const id = relay.phones[0]?.id as string;
    expect($(root, 'phone-url')?.textContent).toBe(URL_OF(id));
    expect($(root, 'phone-secret')?.textContent).toBe('s3cret-shown-once');
    const qr = $(root, 'phone-qr') as HTMLImageElement;
    expect(decodeURIComponent(qr.getAttribute('src') ?? '')).toBe(`data:image/svg+xml;charset=utf-8,${SVG}`);
    const steps = [...($(root, 'phone-steps')?.querySelectorAll('li') ?? [])].map((li) => li.textContent);
    expect(steps[0]).toBe('SmsForwarder → Senders → + → Webhook.');
    expect(steps).toContain('Secret: s3cret-shown-once');
    expect([...root.querySelectorAll('[data-testid="phone"]')].map((li) => (li as HTMLElement).dataset.id)).toEqual([
      id,
    ]);
    // The token on every call: each one signed in a session proved with it, and the token itself never sent.
    const routes = relay.calls.filter((call) => call.path !== '/api/v1/session');
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.every((call) => call.signed)).toBe(true);
    expect(JSON.stringify(relay.calls)).not.toContain('pairing-token');
    expect(relay.calls.map((c) => `${c.method} ${c.path}`)).toContain(`GET /api/v1/phones/${id}/qr`);

    // Done, then Setup again: URL and QR, but the secret is gone (the relay never answers it again).
    await act(async () => buttonIn(root, 'phone-panel').click());
    expect($(root, 'phone-panel')).toBeNull();
    await act(async () => {
      buttonIn(root, 'phone').click();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect($(root, 'phone-url')?.textContent).toBe(URL_OF(id));
    expect($(root, 'phone-qr')).not.toBeNull();
    expect($(root, 'phone-secret')).toBeNull();
    expect(root.textContent).not.toContain('s3cret-shown-once');
  });

  it('removes a phone', async () => {
    const relay = fakeRelay('t');
    rendered = await render(<PhoneSetup relayUrl="http://127.0.0.1:8787" token="t" />);
    await settle(10);
    const root = rendered.container;
    await act(async () => typeInto(root.querySelector('input') as HTMLInputElement, 'Old phone'));
    await act(async () => {
      (root.querySelector('form') as HTMLFormElement).requestSubmit();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    await act(async () => {
      (root.querySelector('[aria-label="Remove Old phone"]') as HTMLButtonElement).click();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(relay.phones).toEqual([]);
    expect($(root, 'phone-panel')).toBeNull();
    expect(root.textContent).toContain('No phones yet.');
  });
});
