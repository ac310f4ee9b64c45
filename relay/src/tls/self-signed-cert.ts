import { generate } from 'selfsigned';

/** A PEM key and certificate pair, as node:tls takes them. */
export interface TlsPems {
  key: string;
  cert: string;
}

/**
 * A self-signed certificate for `hosts` (the first is the common name; all are subject alternative names,
 * IP addresses as IP entries), valid for a year. For listeners on this machine that a client may want to talk
 * TLS to (SMTP STARTTLS, the phone listener): the client is told to trust it, or not to check, by its user.
 * 2048-bit RSA: every client accepts it, and it takes a fraction of a second to make.
 */
export async function createSelfSignedCert(hosts: readonly string[] = ['localhost', '127.0.0.1']): Promise<TlsPems> {
  const altNames = hosts.map((value) =>
    /^[\d.]+$|:/.test(value) ? { type: 7 as const, ip: value } : { type: 2 as const, value },
  );
  const pems = await generate([{ name: 'commonName', value: hosts[0] ?? 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames }],
  });
  return { key: pems.private, cert: pems.cert };
}
