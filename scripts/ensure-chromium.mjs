#!/usr/bin/env node
// Makes sure a Chromium is there for the browser tests. Browsers cannot be downloaded by npm here, so on a
// machine without one this installs Debian's `chromium` package when it can (root and apt-get present).
import { execFileSync } from 'node:child_process';
import { findChrome } from './find-chrome.mjs';

const found = findChrome();
if (found) {
  console.log(`chromium: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('No Chromium found. Install one (Debian: sudo apt-get install -y chromium) or set CHROME_PATH.');
  process.exit(1);
}
console.log('No Chromium found: installing Debian package "chromium" (apt-get)...');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
const installed = findChrome();
if (!installed) {
  console.error('apt-get finished but no Chromium binary was found.');
  process.exit(1);
}
console.log(`chromium: ${installed}`);
