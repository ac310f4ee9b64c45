import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { spawnCli, startCli } from '../../test-kit/cli-test-kit.ts';

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
