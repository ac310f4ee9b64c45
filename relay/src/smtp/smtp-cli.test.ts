import { statSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { spawnCli, startCli, tempDir } from '../../test-kit/cli-test-kit.ts';

/** The SHA-256 fingerprint of the certificate an SMTP server presents after STARTTLS (not verified: self-signed). */
async function startTlsFingerprint(port: number): Promise<string> {
  const socket = connect({ host: '127.0.0.1', port });
  let seen = '';
  const reply = (code: string) =>
    new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        seen += chunk.toString('latin1');
        if (new RegExp(`^${code} .*\\r\\n`, 'm').test(seen)) {
          socket.off('data', onData);
          seen = '';
          resolve();
        }
      };
      socket.on('data', onData);
      socket.once('error', reject);
    });
  await reply('220');
  socket.write('EHLO test.example\r\n');
  await reply('250');
  socket.write('STARTTLS\r\n');
  await reply('220');
  const secure = tlsConnect({ socket: socket as Socket, rejectUnauthorized: false, servername: 'localhost' });
  await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
  const fingerprint = secure.getPeerCertificate().fingerprint256;
  secure.destroy();
  return fingerprint;
}

/* The SMTP server as `otp-relay` runs it: on by default (the kit passes OTP_RELAY_SMTP_PORT=0, never 2525). */

describe('otp-relay and its SMTP server', () => {
  it('prints the SMTP address after the first line and takes mail there', async () => {
    const cli = await startCli(['--port', '0', '--smtp-auth', 'any']);
    const smtp = /^otp-relay SMTP on 127\.0\.0\.1:(\d+)$/m.exec(cli.stdout());
    expect(smtp).not.toBeNull();
    await nodemailer
      .createTransport({ host: '127.0.0.1', port: Number(smtp?.[1]), ignoreTLS: true, auth: { user: 'u', pass: 'p' } })
      .sendMail({ from: 'no-reply@example.com', to: 'cli@test.example', text: 'Code 246810' });
    const token = /paste\n {2}(\S+)\n/.exec(cli.stdout())?.[1];
    const answer = await fetch(`${cli.url}/api/v1/messages?source=smtp`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { messages } = (await answer.json()) as { messages: { code: string; to: string }[] };
    expect(messages.map((m) => [m.to, m.code])).toEqual([['cli@test.example', '246810']]);
    cli.child.kill('SIGTERM');
    expect((await cli.exited).code).toBe(0);
  });

  it('--smtp-starttls: the certificate is kept in the config directory (0600), so a restart serves the same one', async () => {
    const configDir = tempDir();
    const smtpPort = (stdout: string) => Number(/^otp-relay SMTP on 127\.0\.0\.1:(\d+)$/m.exec(stdout)?.[1]);
    const fingerprints: string[] = [];
    for (let run = 0; run < 2; run++) {
      const cli = await startCli(['--port', '0', '--smtp-starttls'], { env: { OTP_RELAY_CONFIG_DIR: configDir } });
      fingerprints.push(await startTlsFingerprint(smtpPort(cli.stdout())));
      cli.child.kill('SIGTERM');
      expect((await cli.exited).code).toBe(0);
    }
    expect(fingerprints[0]).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){31}$/);
    expect(fingerprints[1]).toBe(fingerprints[0]);
    expect(statSync(join(configDir, 'smtp-tls.json')).mode & 0o777).toBe(0o600);
    // Another config directory: another certificate (nothing is shared between relays).
    const other = await startCli(['--port', '0', '--smtp-starttls']);
    expect(await startTlsFingerprint(smtpPort(other.stdout()))).not.toBe(fingerprints[0]);
    other.child.kill('SIGTERM');
    await other.exited;
  }, 60_000);

  it('--no-smtp starts none', async () => {
    const cli = await startCli(['--port', '0', '--no-smtp']);
    expect(cli.stdout()).not.toContain('SMTP');
    cli.child.kill('SIGTERM');
    await cli.exited;
  });

  it('an SMTP port in use: one clear line, exit code 1, nothing left listening', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    const run = spawnCli(['--port', '0', '--smtp-port', String(port)]);
    expect((await run.exited).code).toBe(1);
    expect(run.stderr().trim().split('\n')).toEqual([
      `otp-relay: cannot start the SMTP server on 127.0.0.1:${port}: the port is already in use (another otp-relay running? choose another port)`,
    ]);
    expect(run.stdout()).toBe('');
    squatter.close();
  });

  it.each([
    [['--smtp-port', '70000'], /--smtp-port must be 0–65535/],
    [['--smtp-auth', 'nocolon'], /--smtp-auth must be "any" or "user:password"/],
  ])('%j is a usage error', async (args, message) => {
    const run = spawnCli(['--port', '0', ...args]);
    expect((await run.exited).code).toBe(2);
    expect(run.stderr()).toMatch(message);
  });
});
