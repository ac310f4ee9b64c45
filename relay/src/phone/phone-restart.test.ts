import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli, startCli, tempDir } from '../../test-kit/cli-test-kit.ts';
import { forwardSms } from '../../test-kit/sms-forwarder.ts';

/*
 * A seller's relay restarts (the laptop rebooted, `otp-relay` started again): the phone set up before keeps
 * working with nothing touched on the phone. The real CLI process twice on one config directory and one
 * --phone-port; the phone is an SmsForwarder that trusts exactly the certificate it was shown the first time.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe('a relay restart keeps its phones working', () => {
  it('same device id, secret and certificate; an SMS forwarded after the restart is taken in', async () => {
    const configDir = tempDir();
    const env = { OTP_RELAY_CONFIG_DIR: configDir };
    const phonePort = await freePort();
    const args = ['--port', '0', '--no-smtp', '--phone-port', String(phonePort)];

    const first = await startCli(args, { env });
    const add = spawnCli(['phone', 'add', '--app', 'smsforwarder', '--name', 'Pixel 8', '--relay', first.url], {
      env,
    });
    expect((await add.exited).code).toBe(0);
    const url = /Webhook URL: (\S+)/.exec(add.stdout())?.[1] as string;
    const secret = /Secret: +(\S+)/.exec(add.stdout())?.[1] as string;
    expect(url).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:${phonePort}/phone/PH\\w+$`));
    // The phone is told to trust this certificate, and only this one.
    const trusted = (JSON.parse(readFileSync(join(configDir, 'phone-tls.json'), 'utf8')) as { cert: string }).cert;
    expect(
      await forwardSms(
        url,
        trusted,
        secret,
        'TikTok',
        `[TikTok] 482913 is your verification code, valid for 5 minutes.`,
      ),
    ).toBe(200);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);

    const second = await startCli(args, { env });
    try {
      const list = spawnCli(['phone', 'list', '--relay', second.url], { env });
      expect((await list.exited).code).toBe(0);
      const id = url.slice(url.lastIndexOf('/') + 1);
      expect(list.stdout()).toContain(id);
      expect(list.stdout()).toContain(url);
      expect(list.stdout()).not.toContain(secret);
      // Same URL, same secret, a TLS client pinned to the first run's certificate: accepted.
      expect(
        await forwardSms(
          url,
          trusted,
          secret,
          'TikTok',
          `[TikTok] 731904 is your verification code, valid for 5 minutes.`,
        ),
      ).toBe(200);
      const token = readFileSync(join(configDir, 'token'), 'utf8').trim();
      const answer = await fetch(`${second.url}/api/v1/messages?source=phone`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { messages } = (await answer.json()) as { messages: { code: string; site: string | null }[] };
      // A new relay process: the inbox starts empty, so only the SMS forwarded after the restart is there.
      expect(messages.map((m) => [m.code, m.site])).toEqual([['731904', 'tiktok.com']]);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 60_000);
});
