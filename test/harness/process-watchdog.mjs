// The watchdog ExtensionBrowser.launch starts beside Chromium: `node process-watchdog.mjs <profile dir>`.
//
// Node cannot ask the kernel to kill a child when its parent dies (no prctl PR_SET_PDEATHSIG), and a test
// process killed by SIGKILL runs no cleanup, so its Chromium used to live on with its profile in /tmp. This
// process is detached (its own session: Ctrl-C or a signal to the test runner's group does not reach it) and
// holds the read end of a pipe from the launcher. When that pipe closes, because the launcher closed the browser
// or because it died, however it died, the watchdog kills Chromium's process group and every process whose
// command line names the profile (the crash handler leaves the group; see XDG_CONFIG_HOME in browser.ts), waits
// until they are gone and removes the profile directory. The launcher sends `pid <n>` once Chromium is up.
import { readdirSync, readFileSync, rmSync } from 'node:fs';

const profile = process.argv[2];
if (!profile?.includes('otp-relay-chromium-')) {
  process.stderr.write('usage: process-watchdog.mjs <otp-relay-chromium-* profile dir>\n');
  process.exit(2);
}
let group = 0;
let input = '';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
  const match = /pid (\d+)\n/.exec(input);
  if (match) group = Number(match[1]);
});
process.stdin.on('end', cleanUp);
process.stdin.on('error', cleanUp);
// Signals the test runner's terminal or group might still send: the cleanup is the whole point, so do it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, cleanUp);

let started = false;
async function cleanUp() {
  if (started) return;
  started = true;
  const deadline = Date.now() + 5000;
  for (;;) {
    const left = chromiumProcesses();
    if (left.length === 0) break;
    if (group > 1) signal(-group, 'SIGKILL');
    for (const pid of left) signal(pid, 'SIGKILL');
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  process.exit(0);
}

/** Sends a signal; false when there is no such process (or group) any more. */
function signal(pid, name) {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Live (not zombie) processes in Chromium's group or whose command line mentions the profile directory.
 * Linux: /proc. Zombies are skipped: a reparented child's zombie may wait long for a reaper, but it is dead.
 */
function chromiumProcesses() {
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const [state, , pgrp] = readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ');
      if (state === 'Z' || state === 'X') continue;
      if ((group > 1 && Number(pgrp) === group) || readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profile)) {
        found.push(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}
