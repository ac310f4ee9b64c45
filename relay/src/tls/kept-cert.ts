import { z } from 'zod';
import type { ConfigStore } from '../config/config-store.ts';
import { createSelfSignedCert, type TlsPems } from './self-signed-cert.ts';

const KeptCertFileSchema = z.strictObject({ key: z.string().min(1), cert: z.string().min(1), host: z.string() });

/**
 * A listener's self-signed certificate, made on first start and kept in the config directory as `file` (0600),
 * so a client told to trust it (a phone, an app's SMTP client pinned to it) keeps working after a restart.
 * `host` is the address it was made for: another one makes a new certificate, since the old one would not name
 * it. Its subject alternative names are `host`, localhost and 127.0.0.1. Without a config store (a library
 * relay) it lives as long as the relay.
 */
export async function keptCert(file: string, host: string, store?: ConfigStore): Promise<TlsPems> {
  const kept = await store?.read(file, KeptCertFileSchema);
  if (kept !== undefined && kept.host === host) return { key: kept.key, cert: kept.cert };
  const pems = await createSelfSignedCert([...new Set([host, 'localhost', '127.0.0.1'])]);
  await store?.write(file, { ...pems, host });
  return pems;
}
