import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Where Chromium is: $CHROME_PATH, then Debian's /usr/bin/chromium, then google-chrome on the PATH. */
export function findChrome() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', whichOrNull('google-chrome')];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // try the next one
    }
  }
  return null;
}

function whichOrNull(name) {
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
