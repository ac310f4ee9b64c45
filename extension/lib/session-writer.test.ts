import { beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CodeState } from './code-store.ts';
import type { ConnectionInfo } from './connection-status.ts';
import { loadCodeState, loadConnectionInfo } from './session-state.ts';
import { SessionWriter } from './session-writer.ts';
import { EPOCH } from './testing/relay-events.ts';

const RELAY = 'http://127.0.0.1:8787';
const state = (seq: number): CodeState => ({ relayUrl: RELAY, codes: [], cursor: { epoch: EPOCH, seq }, skewMs: 0 });
const info = (status: ConnectionInfo['status']): ConnectionInfo => ({ status, relayUrl: RELAY, since: 0 });

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('SessionWriter', () => {
  it('writes changes made in one turn once, codes and connection together', async () => {
    const set = vi.spyOn(browser.storage.session, 'set');
    const writer = new SessionWriter();
    for (let seq = 1; seq <= 20; seq++) writer.save({ codes: state(seq) });
    writer.save({ connection: info('connected') });
    await writer.flushed();
    expect(set).toHaveBeenCalledTimes(1);
    expect((await loadCodeState())?.cursor?.seq).toBe(20);
    expect((await loadConnectionInfo())?.status).toBe('connected');
  });

  it('keeps one write in flight and then writes the latest change once', async () => {
    const set = vi.spyOn(browser.storage.session, 'set');
    const afterWrite = vi.fn(async () => undefined);
    const writer = new SessionWriter(afterWrite);
    writer.save({ codes: state(1) });
    await new Promise((resolve) => setTimeout(resolve, 0));
    for (let seq = 2; seq <= 20; seq++) writer.save({ codes: state(seq) });
    await writer.flushed();
    expect(set).toHaveBeenCalledTimes(2);
    expect(afterWrite).toHaveBeenCalledTimes(2);
    expect((await loadCodeState())?.cursor?.seq).toBe(20);
  });

  it('does not lose a change when a write fails', async () => {
    const writer = new SessionWriter();
    vi.spyOn(browser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    writer.save({ codes: state(1) });
    await writer.flushed();
    writer.save({ codes: state(2) });
    await writer.flushed();
    expect((await loadCodeState())?.cursor?.seq).toBe(2);
  });

  it('is idle with nothing to write', async () => {
    const set = vi.spyOn(browser.storage.session, 'set');
    await new SessionWriter().flushed();
    expect(set).not.toHaveBeenCalled();
  });
});
