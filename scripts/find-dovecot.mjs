// Where the Dovecot binary is: DOVECOT_PATH, else the usual install places (Debian puts it in /usr/sbin).
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot', '/usr/bin/dovecot', '/opt/homebrew/sbin/dovecot'];

/** @returns {string | undefined} */
export function findDovecot() {
  const fromEnv = process.env.DOVECOT_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}
