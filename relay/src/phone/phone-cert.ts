import type { ConfigStore } from '../config/config-store.ts';
import { keptCert } from '../tls/kept-cert.ts';
import type { TlsPems } from '../tls/self-signed-cert.ts';

export const PHONE_CERT_FILE = 'phone-tls.json';

/**
 * The phone listener's certificate, kept in the config directory: a phone that was told to trust it keeps
 * working after a restart; another --phone-host makes a new one.
 */
export function phoneCert(host: string, store?: ConfigStore): Promise<TlsPems> {
  return keptCert(PHONE_CERT_FILE, host, store);
}
