import { browser } from 'wxt/browser';
import { isLoopbackOrigin, originOf, originPattern } from './relay-origins.ts';

/**
 * Asks for host access to a relay that is not on this machine. Must be the first thing a click handler does
 * (Chrome only grants a permission request inside the user gesture, which an earlier await would end).
 */
export function requestRelayAccess(relayUrl: string): Promise<boolean> {
  const origin = originOf(relayUrl);
  if (!origin || isLoopbackOrigin(origin)) return Promise.resolve(true);
  return browser.permissions.request({ origins: [originPattern(origin)] });
}
