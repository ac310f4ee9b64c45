import { describe, expect, it, vi } from 'vitest';
import { handleRuntimeMessage } from './background-router.ts';
import { messageId } from './testing/relay-events.ts';

const ID = 'fbgjdlhgdabmablalfapjeklgnlogehf';
const POPUP = { id: ID, url: `chrome-extension://${ID}/popup.html` };

function background() {
  return {
    fill: {
      fillCode: vi.fn(async () => ({ ok: true as const, fields: 6, message: 'Filled 6 field(s).' })),
      fillNewest: vi.fn(async () => ({ ok: true as const, fields: 1, message: 'Filled 1 field(s).' })),
      fillAuthenticator: vi.fn(async () => ({ ok: true as const, fields: 6, message: 'Filled.' })),
    },
    reconnectNow: vi.fn(),
  };
}

describe('handleRuntimeMessage', () => {
  it.each([
    [
      'another extension',
      { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html' },
    ],
    ['a content script in a web page', { id: ID, url: 'https://evil.example.com/', tab: { id: 3 } }],
    ['our id but a web page url', { id: ID, url: 'https://evil.example.com/' }],
    ['a look-alike extension url', { id: ID, url: `chrome-extension://${ID}.evil/popup.html` }],
    ['no sender id', { url: `chrome-extension://${ID}/popup.html` }],
  ])('refuses a fill asked by %s', async (_name, sender) => {
    const target = background();
    const answer = await handleRuntimeMessage(
      { type: 'otp-relay/fill-code', messageId: messageId(1) },
      sender as never,
      ID,
      target,
    );
    expect(answer).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(target.fill.fillCode).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown type', { type: 'otp-relay/steal' }],
    ['a bad message id', { type: 'otp-relay/fill-code', messageId: '../../etc' }],
    ['extra fields', { type: 'otp-relay/fill-newest', origin: 'https://evil.example.com' }],
    ['not an object', 'fill'],
    ['a bad authenticator entry id', { type: 'otp-relay/fill-authenticator', entryId: 'x' }],
    [
      'the content-script contract',
      { type: 'otp-relay/fill', code: '123456', origin: 'https://a.test', submit: false },
    ],
  ])('rejects %s', async (_name, message) => {
    const target = background();
    expect(await handleRuntimeMessage(message, POPUP, ID, target)).toMatchObject({ ok: false, reason: 'bad-request' });
    expect(target.fill.fillCode).not.toHaveBeenCalled();
    expect(target.fill.fillNewest).not.toHaveBeenCalled();
  });

  it('fills a code asked for by our popup', async () => {
    const target = background();
    const answer = await handleRuntimeMessage(
      { type: 'otp-relay/fill-code', messageId: messageId(1) },
      POPUP,
      ID,
      target,
    );
    expect(answer).toMatchObject({ ok: true });
    expect(target.fill.fillCode).toHaveBeenCalledWith(messageId(1), false);
  });

  it('fills an authenticator entry asked for by our popup, never one a content script names', async () => {
    const target = background();
    const entryId = '0b6f1d9e-4c2a-4f8e-9a51-3f2d8c7e6b10';
    const request = { type: 'otp-relay/fill-authenticator', entryId };
    expect(
      await handleRuntimeMessage(
        request,
        { id: ID, url: 'https://evil.example/', tab: { id: 1 } } as never,
        ID,
        target,
      ),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(await handleRuntimeMessage(request, POPUP, ID, target)).toMatchObject({ ok: true });
    expect(target.fill.fillAuthenticator).toHaveBeenCalledExactlyOnceWith(entryId);
  });

  it.each([
    ['otp-relay/fill-newest', (target: ReturnType<typeof background>) => target.fill.fillNewest],
    ['otp-relay/reconnect', (target: ReturnType<typeof background>) => target.reconnectNow],
  ] as const)('routes %s', async (type, method) => {
    const target = background();
    await handleRuntimeMessage({ type }, { id: ID, url: `chrome-extension://${ID}/options.html` }, ID, target);
    expect(method(target)).toHaveBeenCalledOnce();
  });

  it('answers a wake-up from the popup without touching the connection', async () => {
    const target = background();
    expect(await handleRuntimeMessage({ type: 'otp-relay/wake' }, POPUP, ID, target)).toMatchObject({ ok: true });
    expect(target.reconnectNow).not.toHaveBeenCalled();
  });

  it('names the site of a tab or of what the user typed, for our own pages (the list is the background’s)', async () => {
    const target = background();
    const ask = (input: string, sender: object = POPUP) =>
      handleRuntimeMessage({ type: 'otp-relay/site-of', input }, sender as never, ID, target);
    expect(await ask('https://seller-us.tiktok.com')).toEqual({ ok: true, site: 'tiktok.com' });
    expect(await ask('a.shopee.co.id', { id: ID, url: `chrome-extension://${ID}/options.html` })).toEqual({
      ok: true,
      site: 'shopee.co.id',
    });
    expect(await ask('http://127.0.0.1:8787')).toEqual({ ok: true, site: null });
    expect(
      await ask('https://seller-us.tiktok.com', { id: ID, url: 'https://evil.example/', tab: { id: 1 } }),
    ).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('hands an auto-fill report from a tab to the outcomes, never to the fill policy', async () => {
    const target = { ...background(), autoFillOutcomes: { report: vi.fn(async () => true) } };
    const report = { type: 'otp-relay/auto-fill-report', ok: true, fields: 6 };
    const tab = { id: ID, url: 'https://seller.example.com/verify', tab: { id: 3 }, frameId: 0 };
    expect(await handleRuntimeMessage(report, tab as never, ID, target)).toMatchObject({ ok: true });
    expect(target.autoFillOutcomes.report).toHaveBeenCalledWith(report, tab, ID);
    target.autoFillOutcomes.report.mockResolvedValue(false);
    expect(await handleRuntimeMessage(report, tab as never, ID, target)).toMatchObject({ ok: false });
    expect(target.fill.fillCode).not.toHaveBeenCalled();
  });
});
