import type { CodeState, StoredCode } from '../code-store.ts';

export interface CodeView {
  code: StoredCode;
  state: 'live' | 'expired';
  remainingMs: number;
  /** 0..1 of the code's lifetime left, for the draining bar. */
  fraction: number;
}

/**
 * Codes that go to the same place: one exact origin (codes the relay issued), one site (codes from elsewhere
 * that the relay bound to a registrable domain), or nowhere in particular (`unbound`: bound to no site).
 */
export interface CodeGroup {
  kind: 'origin' | 'site' | 'unbound';
  /** The origin or the site; '' for unbound. */
  key: string;
  codes: CodeView[];
}

function groupOf(code: StoredCode): Pick<CodeGroup, 'kind' | 'key'> {
  if (code.binding === 'issuer') return { kind: 'origin', key: code.origin ?? '' };
  return code.site === null ? { kind: 'unbound', key: '' } : { kind: 'site', key: code.site };
}

/**
 * What the popup draws, from what the background stored and the current time: groups per site, the site with
 * the newest code first, newest code first within a site. Expiry is judged here too (by the relay's clock), so
 * a code greys at 0:00 even if the background has not yet written that down.
 */
export function groupCodes(state: CodeState | null, localNow: number): CodeGroup[] {
  if (!state) return [];
  const relayNow = localNow + state.skewMs;
  const groups = new Map<string, CodeGroup>();
  const sorted = state.codes.toSorted((a, b) => b.createdAt - a.createdAt);
  for (const code of sorted) {
    const remainingMs = Math.max(0, code.expiresAt - relayNow);
    const expired = code.expiredAtLocal !== undefined || remainingMs <= 0;
    const lifetime = Math.max(1, code.expiresAt - code.createdAt);
    const view: CodeView = {
      code,
      state: expired ? 'expired' : 'live',
      remainingMs: expired ? 0 : remainingMs,
      fraction: expired ? 0 : Math.min(1, remainingMs / lifetime),
    };
    const { kind, key } = groupOf(code);
    const id = `${kind}:${key}`;
    const group = groups.get(id);
    if (group) group.codes.push(view);
    else groups.set(id, { kind, key, codes: [view] });
  }
  return [...groups.values()];
}
