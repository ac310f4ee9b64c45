import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { loadCodeState } from './session-state.ts';
import { backgroundHarness, RELAY, TOKEN } from './testing/background-harness.ts';
import {
  EPOCH,
  expiredEvent,
  hello,
  iso,
  message,
  messageEvent,
  messageId,
  T0,
  verification,
  verificationEvent,
  verificationId,
} from './testing/relay-events.ts';

const h = backgroundHarness();

describe('codes, cursor and badge', () => {
  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('keeps codes and the resume cursor in storage.session, and counts live codes on the badge', async () => {
    const connection = h.background();
    await connection.start();
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 4 }));
    socket.receive(messageEvent(message(1), { seq: 5 }));
    socket.receive(messageEvent(message(2, { origin: 'http://localhost:3000' }), { seq: 6 }));
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: 6 });
    expect(stored?.codes.map((c) => c.messageId).sort()).toEqual([messageId(1), messageId(2)]);
    expect(await browser.action.getBadgeText({})).toBe('2');

    socket.receive(expiredEvent(1, { seq: 7 }));
    await connection.flushed();
    expect(await browser.action.getBadgeText({})).toBe('1');
  });

  it('resumes exactly where it was after a worker restart, with the codes it had', async () => {
    const first = h.background();
    await first.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 10 }));
    h.sockets.latest().receive(messageEvent(message(1), { seq: 11 }));
    await h.killWorker(first);

    const second = h.background();
    await second.start();
    expect(second.codeState.codes.map((c) => c.messageId)).toEqual([messageId(1)]);
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 12 }));
    expect(socket.sent).toContainEqual({ type: 'resume', epoch: EPOCH, since: 11 });
    socket.receive(messageEvent(message(2), { seq: 12 }));
    await second.flushed();
    const stored = await loadCodeState();
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: 12 });
    expect(stored?.codes.map((c) => c.messageId)).toEqual([messageId(1), messageId(2)].sort().reverse());
  });

  it('drops events a resumed stream replays twice: a resend’s dead code never comes back, nor is filled', async () => {
    const first = h.background();
    await first.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 10 }));
    const dead = message(1);
    // A resend: a new message for the same verification; the first code is dead at once.
    const resent = message(2, { verificationId: verificationId(1), createdAt: iso(T0 + 1_000) });
    h.sockets.latest().receive(messageEvent(dead, { seq: 11 }));
    h.sockets.latest().receive(messageEvent(resent, { seq: 12 }));
    await h.killWorker(first);

    await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    const second = h.background();
    await second.start();
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 13 }));
    expect(socket.sent).toContainEqual({ type: 'resume', epoch: EPOCH, since: 12 });
    // A relay that replays from too far back sends 11 and 12 again before 13. Applied again, 11 would put the
    // dead code back in place of the resent one (one live code per verification) and auto-fill would arm it.
    socket.receive(messageEvent(dead, { seq: 11 }));
    expect(second.codeState.codes.map((c) => c.code)).toEqual([resent.code]);
    socket.receive(messageEvent(resent, { seq: 12 }));
    socket.receive(messageEvent(message(3, { createdAt: iso(T0 + 2_000) }), { seq: 13 }));
    await vi.waitFor(() => expect(send).toHaveBeenCalled());
    await second.flushed();
    expect(second.codeState.codes.map((c) => c.code)).toEqual([message(3).code, resent.code]);
    expect(send.mock.calls.map(([, request]) => (request as { code: string }).code)).toEqual([message(3).code]);
    expect(second.codeState.cursor).toEqual({ epoch: EPOCH, seq: 13 });
  });

  it('greys codes that expired while no worker ran, as soon as a new one starts', async () => {
    const first = h.background();
    await first.start();
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: 1 }));
    h.sockets.latest().receive(messageEvent(message(1, { expiresAt: new Date(T0 + 1_000).toISOString() }), { seq: 2 }));
    await h.killWorker(first);

    const later = h.background({ now: () => T0 + 2_000 });
    await later.start();
    expect(later.codeState.codes[0]?.expiredAtLocal).toBe(T0 + 2_000);
    await later.flushed();
    expect(await browser.action.getBadgeText({})).toBe('');
  });
});

/** Holds every storage.session write until `release()`, as a slow storage would; later writes pass through. */
function holdSessionWrites() {
  const set = browser.storage.session.set.bind(browser.storage.session);
  const held: Array<() => void> = [];
  let open = false;
  const spy = vi.spyOn(browser.storage.session, 'set').mockImplementation(((items: Record<string, unknown>) =>
    open
      ? set(items)
      : new Promise<void>((resolve) => {
          held.push(() => void set(items).then(resolve));
        })) as never);
  return {
    spy,
    release() {
      open = true;
      for (const write of held.splice(0)) write();
    },
  };
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a burst of codes (bench figure 5)', () => {
  const N = 60;

  beforeEach(async () => {
    await browser.storage.local.set({ relayUrl: RELAY, token: TOKEN });
  });

  it('holds every code in memory and arms each as it arrives, with few storage writes, ending complete', async () => {
    const tab = await browser.tabs.create({ url: `${RELAY}/demo/login` });
    const send = vi.spyOn(browser.tabs, 'sendMessage').mockResolvedValue({ ok: false, reason: 'armed' } as never);
    const connection = h.background();
    await connection.start();
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    await connection.flushed();
    const seen: Array<{ codes: unknown[]; cursor: { seq: number } | null }> = [];
    browser.storage.onChanged.addListener((changes, area) => {
      const value = changes.codeState?.newValue as (typeof seen)[number] | undefined;
      if (area === 'session' && value) seen.push(value);
    });
    const writes = holdSessionWrites();

    // One frame per task, as a WebSocket delivers them, while the first write is still in flight.
    for (let n = 1; n <= N; n++) {
      socket.receive(messageEvent(message(n), { seq: n }));
      expect(connection.codeState.codes).toHaveLength(n);
      expect(connection.codeState.cursor).toEqual({ epoch: EPOCH, seq: n });
      await nextTask();
    }
    // Arming did not wait for storage: every code reached the tab before any write landed.
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(N));
    expect(send).toHaveBeenCalledWith(tab.id, expect.objectContaining({ code: message(N).code }), { frameId: 0 });

    writes.release();
    await connection.flushed();
    const stored = await loadCodeState();
    expect(stored?.codes).toHaveLength(N);
    expect(stored?.cursor).toEqual({ epoch: EPOCH, seq: N });
    // The one write in flight, then the latest state once.
    expect(writes.spy).toHaveBeenCalledTimes(2);
    // Every state the popup saw kept codes and cursor together (event n brought code n), the last one complete.
    for (const state of seen) expect(state.codes).toHaveLength(state.cursor?.seq ?? -1);
    expect(seen.at(-1)?.codes).toHaveLength(N);
  });

  it('resumes after a worker restart from the cursor of the codes it saved', async () => {
    const first = h.background();
    await first.start();
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    for (let n = 1; n <= N; n++) socket.receive(messageEvent(message(n), { seq: n }));
    await h.killWorker(first);

    const second = h.background();
    await second.start();
    expect(second.codeState.codes).toHaveLength(N);
    h.sockets.latest().open();
    h.sockets.latest().receive(hello({ seq: N }));
    expect(h.sockets.latest().sent).toContainEqual({ type: 'resume', epoch: EPOCH, since: N });
  });

  it('calls the badge API only when its text or colour changes', async () => {
    const connection = h.background();
    await connection.start();
    const socket = h.sockets.latest();
    socket.open();
    socket.receive(hello({ seq: 0 }));
    socket.receive(messageEvent(message(1), { seq: 1 }));
    await connection.flushed();
    expect(await browser.action.getBadgeText({})).toBe('1');
    const text = vi.spyOn(browser.action, 'setBadgeText');
    const color = vi.spyOn(browser.action, 'setBadgeBackgroundColor');

    // Same count, same status: nothing to repaint.
    socket.receive(verificationEvent(verification(1, { status: 'pending' }), { seq: 2 }));
    await connection.flushed();
    expect(text).not.toHaveBeenCalled();
    expect(color).not.toHaveBeenCalled();

    // One more code: the text changes, the colour does not.
    socket.receive(messageEvent(message(2), { seq: 3 }));
    await connection.flushed();
    expect(text).toHaveBeenCalledExactlyOnceWith({ text: '2' });
    expect(color).not.toHaveBeenCalled();

    // The link drops: grey, same count.
    socket.fail();
    await vi.waitFor(() => expect(connection.status).toBe('reconnecting'));
    await connection.flushed();
    expect(text).toHaveBeenCalledTimes(1);
    expect(color).toHaveBeenCalledExactlyOnceWith({ color: '#80868b' });
  });
});
