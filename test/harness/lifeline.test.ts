import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./lifeline-fixture.ts', import.meta.url));

/** Live processes (zombies are dead: the reaper of an orphan may be slow) matching `test`. Linux /proc. */
function liveProcesses(test: (pid: number, cmdline: string, pgrp: number) => boolean): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const [state, , pgrp] = readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      if (state === 'Z' || state === 'X') continue;
      if (test(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8'), Number(pgrp))) found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

async function waitUntil(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still there after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('nothing the harness starts outlives the process that started it', () => {
  it('SIGKILL a process that used startRelay and ExtensionBrowser.launch: its relay and Chromium are gone', async () => {
    const fixture = spawn(process.execPath, ['--import', 'tsx', FIXTURE], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{
      relayPid: number;
      relayUrl: string;
      configDir: string;
      chromiumPid: number;
      profile: string;
    }>((resolve, reject) => {
      let out = '';
      fixture.stdout.setEncoding('utf8');
      fixture.stdout.on('data', (chunk: string) => {
        out += chunk;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] as string));
      });
      fixture.once('exit', (code) => reject(new Error(`fixture exited with ${code}`)));
    });
    const chromium = () =>
      liveProcesses((_pid, cmdline, pgrp) => pgrp === started.chromiumPid || cmdline.includes(started.profile));
    expect(liveProcesses((pid) => pid === started.relayPid)).toEqual([started.relayPid]);
    expect(chromium().length).toBeGreaterThan(1);
    expect(await (await fetch(`${started.relayUrl}/healthz`)).json()).toEqual({ ok: true });

    fixture.kill('SIGKILL');
    await waitUntil('the relay process', () => liveProcesses((pid) => pid === started.relayPid).length === 0);
    await waitUntil('the relay port', () =>
      fetch(`${started.relayUrl}/healthz`).then(
        () => false,
        () => true,
      ),
    );
    await waitUntil('Chromium processes', () => chromium().length === 0);
    await waitUntil('the Chromium profile directory', () => !existsSync(started.profile));
  });
});
