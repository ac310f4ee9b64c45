import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../../test-kit/cli-test-kit.ts';
import { PromptInterrupted, readSecretLine, type SecretInput } from './read-secret-line.ts';

/** A terminal as the prompt sees one: isTTY, a raw-mode switch whose calls are kept, and what it printed. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, modes: [] as boolean[] }) as PassThrough &
    SecretInput & { modes: boolean[] };
  const printed: string[] = [];
  input.setRawMode = (mode: boolean) => {
    input.modes.push(mode);
    printed.push(mode ? '<raw on>' : '<raw off>');
  };
  const err = { alive: true, write: (text: string) => void printed.push(text), drain: async () => undefined };
  return { input, err, printed };
}

describe('readSecretLine on a terminal', () => {
  it.each([
    ['plain typing, Enter', 'hunter2\r', 'hunter2'],
    ['Backspace edits (DEL and ^H)', 'huntex\u007fr2\b2\r', 'hunter2'],
    ['Ctrl-U starts over', 'wrong\u0015hunter2\n', 'hunter2'],
    ['arrow keys are dropped whole', 'hun\u001b[Dter\u001b[A2\r', 'hunter2'],
    ['typed in pieces', ['hun', 'ter', '2\r'], 'hunter2'],
    ['Ctrl-D on an empty line: nothing', '\u0004', ''],
  ])('%s', async (_name, typed, expected) => {
    const { input, err, printed } = fakeTerminal();
    const line = readSecretLine(input, err, 'password: ');
    for (const piece of Array.isArray(typed) ? typed : [typed]) input.write(piece);
    expect(await line).toBe(expected);
    // Raw (no echo) before the prompt shows, back to normal after; nothing typed was written out.
    expect(printed).toEqual(['<raw on>', 'password: ', '\n', '<raw off>']);
  });

  it('Ctrl-C rejects and still gives the terminal back', async () => {
    const { input, err } = fakeTerminal();
    const line = readSecretLine(input, err, 'password: ');
    input.write('hun\u0003');
    await expect(line).rejects.toBeInstanceOf(PromptInterrupted);
    expect(input.modes).toEqual([true, false]);
  });

  it('from a pipe: the first line as is, no prompt, no raw mode', async () => {
    const input = new PassThrough();
    const printed: string[] = [];
    const err = { alive: true, write: (text: string) => void printed.push(text), drain: async () => undefined };
    const line = readSecretLine(input, err, 'password: ');
    input.end('from-a-pipe\nsecond line\n');
    expect(await line).toBe('from-a-pipe');
    expect(printed).toEqual([]);
  });
});

describe('otp-relay mailbox add in a real pseudo-terminal (util-linux script)', () => {
  it('asks for the password without echoing it, and stores what was typed', async () => {
    const configDir = tempDir();
    const command = [
      process.execPath,
      BIN,
      'mailbox',
      'add',
      'imaps://seller@imap.example.com',
      '--config-dir',
      configDir,
    ]
      .map((word) => `'${word.replaceAll("'", `'\\''`)}'`)
      .join(' ');
    // script runs the command on a new pty and copies our pipe to it as keystrokes: everything the terminal
    // shows (the prompt, and the typing if it were echoed) comes back on its stdout.
    const child = spawn('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
      env: { ...process.env, OTP_RELAY_MAILBOX_PASSWORD: '', OTP_RELAY_LOG_LEVEL: 'warn', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (!screen.includes('(not shown as you type): ')) {
      if (Date.now() > deadline) throw new Error(`no prompt within 30 s; the terminal showed:\n${screen}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.stdin.write('app-pass-4829\r');
    expect(await exited).toBe(0);
    child.stdin.end();
    expect(screen).toContain('password for seller@imap.example.com (not shown as you type): ');
    expect(screen).toContain('Mailbox seller@imap.example.com (INBOX) stored');
    expect(screen).not.toContain('app-pass-4829');
    const stored = JSON.parse(readFileSync(join(configDir, 'mailboxes.json'), 'utf8')) as unknown;
    expect(JSON.stringify(stored)).toContain('"pass":"app-pass-4829"');
  }, 60_000);
});
