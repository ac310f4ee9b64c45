/** The exact origin of a URL, or null when it has none worth comparing (about:, chrome:, bad input). */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackOrigin(origin: string): boolean {
  try {
    return LOOPBACK_HOSTS.includes(new URL(origin).hostname);
  } catch {
    return false;
  }
}

/**
 * The origins the relay's own demo can be opened at: its URL's origin and, for a loopback relay, the same
 * port under the other loopback names (the demo page sends its own `location.origin` as the code's origin,
 * so a seller who types localhost:8787 gets codes for http://localhost:8787).
 */
export function relayDemoOrigins(relayUrl: string): string[] {
  const origin = originOf(relayUrl);
  if (!origin) return [];
  const url = new URL(origin);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [origin];
  return LOOPBACK_HOSTS.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

/** The host-permission pattern that covers exactly one origin (what permissions.request takes). */
export function originPattern(origin: string): string {
  return `${origin}/*`;
}
