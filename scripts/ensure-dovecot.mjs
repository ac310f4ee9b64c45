#!/usr/bin/env node
// Makes sure a Dovecot IMAP server is there for the watched-mailbox tests (relay/src/mailbox), which run
// against a real one. Like Chromium (ensure-chromium.mjs), it cannot come from npm: on a machine without one
// this installs Debian's `dovecot-imapd` when it can (root and apt-get present). The tests start their own
// throwaway Dovecot as a child process; the system service the package may enable is not used.
import { execFileSync } from 'node:child_process';
import { findDovecot } from './find-dovecot.mjs';

const found = findDovecot();
if (found) {
  console.log(`dovecot: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('No Dovecot found. Install one (Debian: sudo apt-get install -y dovecot-imapd) or set DOVECOT_PATH.');
  process.exit(1);
}
console.log('No Dovecot found: installing Debian package "dovecot-imapd" (apt-get)...');
// policy-rc.d-free install: the package's own service is not wanted (the tests run their own instance),
// and in a container without an init system starting it would only print errors.
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'dovecot-imapd'], { stdio: 'inherit', env });
const installed = findDovecot();
if (!installed) {
  console.error('apt-get finished but no dovecot binary was found.');
  process.exit(1);
}
console.log(`dovecot: ${installed}`);
