import { z } from 'zod';
import type { ConfigStore } from '../config/config-store.ts';
import { createSelfSignedCert, type TlsPems } from '../tls/self-signed-cert.ts';

const PhoneCertFileSchema = z.strictObject({ key: z.string().min(1), cert: z.string().min(1), host: z.string() });
export const PHONE_CERT_FILE = 'phone-tls.json';

/**
 * The phone listener's certificate: made on first start and kept in the config directory (0600), so a phone
 * that was told to trust it keeps working after a restart. Another --phone-host makes a new one, since the old
 * one would not name the new address. Without a config store (a library relay) it lives as long as the relay.
 */
export async function phoneCert(host: string, store?: ConfigStore): Promise<TlsPems> {
  const kept = await store?.read(PHONE_CERT_FILE, PhoneCertFileSchema);
  if (kept !== undefined && kept.host === host) return { key: kept.key, cert: kept.cert };
  const pems = await createSelfSignedCert([...new Set([host, 'localhost', '127.0.0.1'])]);
  await store?.write(PHONE_CERT_FILE, { ...pems, host });
  return pems;
}
