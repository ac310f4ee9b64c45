import { browser } from 'wxt/browser';
import type { ConnectionStatus } from './connection-status.ts';

const LIVE_COLOR = '#1a73e8';
const OFFLINE_COLOR = '#80868b';
const ERROR_COLOR = '#d93025';

/** The badge counts live codes; grey while the relay link is down, so a stale count does not look live. */
export async function updateBadge(liveCount: number, status: ConnectionStatus): Promise<void> {
  const text = liveCount > 0 ? String(liveCount) : status === 'token-rejected' || status === 'refused' ? '!' : '';
  const color = status === 'connected' ? LIVE_COLOR : text === '!' ? ERROR_COLOR : OFFLINE_COLOR;
  await browser.action.setBadgeText({ text });
  await browser.action.setBadgeBackgroundColor({ color });
}

/** The action's tooltip: where a shortcut fill that could not happen says why (no popup is open to show it). */
export async function setActionNotice(notice: string | null): Promise<void> {
  await browser.action.setTitle({ title: notice ? `otp-relay: ${notice}` : 'otp-relay: verification codes' });
}
