import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isListenError, type ListenFailure, listenErrorMessage } from './listen-error.ts';

const failure = (fields: Partial<ListenFailure>): ListenFailure =>
  Object.assign(new Error(fields.message ?? 'listen failed'), { syscall: 'listen', ...fields });

describe('listenErrorMessage', () => {
  it.each([
    [
      { code: 'EADDRINUSE', address: '127.0.0.1', port: 8787 },
      /^cannot start the relay on 127\.0\.0\.1:8787: the port is already in use/,
    ],
    [{ code: 'EACCES', address: '0.0.0.0', port: 80 }, /on 0\.0\.0\.0:80: permission denied/],
    [
      { code: 'EADDRNOTAVAIL', address: '10.9.9.9', port: 8443, listener: 'phone listener' },
      /^cannot start the phone listener on 10\.9\.9\.9:8443: this machine has no such address$/,
    ],
    [
      { code: 'EADDRINUSE', address: '::1', port: 2525, listener: 'SMTP listener' },
      /^cannot start the SMTP listener on \[::1\]:2525/,
    ],
    [
      { code: 'ENOTFOUND', syscall: 'getaddrinfo' },
      /^cannot start the relay on relay\.lan:9000: the host name does not resolve$/,
    ],
    [{ code: 'EWHATEVER', message: 'odd' }, /^cannot start the relay on relay\.lan:9000: odd$/],
  ] as const)('%j → one line', (fields, message) => {
    const text = listenErrorMessage(failure(fields), { host: 'relay.lan', port: 9000 });
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('recognises the error a real server.listen gives on a port in use', async () => {
    const first = createServer();
    await new Promise<void>((resolve) => first.listen(0, '127.0.0.1', resolve));
    const { port } = first.address() as { port: number };
    const second = createServer();
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    first.close();
    expect(isListenError(error)).toBe(true);
    expect(isListenError(new Error('--extension-id is not valid'))).toBe(false);
    expect(listenErrorMessage(error as ListenFailure, { host: 'x', port: 1 })).toMatch(
      new RegExp(`^cannot start the relay on 127\\.0\\.0\\.1:${port}: the port is already in use`),
    );
  });
});
