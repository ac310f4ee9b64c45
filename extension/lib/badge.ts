import { browser } from 'wxt/browser';
import type { ConnectionStatus } from './connection-status.ts';

const LIVE_COLOR = '#1a73e8';
const OFFLINE_COLOR = '#80868b';
const ERROR_COLOR = '#d93025';

export interface BadgeLook {
  text: string;
  color: string;
}

/** The badge counts live codes; grey while the relay link is down, so a stale count does not look live. */
export function badgeLook(liveCount: number, status: ConnectionStatus): BadgeLook {
  const text = liveCount > 0 ? String(liveCount) : status === 'token-rejected' || status === 'refused' ? '!' : '';
  const color = status === 'connected' ? LIVE_COLOR : text === '!' ? ERROR_COLOR : OFFLINE_COLOR;
  return { text, color };
}

/**
 * The action badge of one background: calls the action API only for a text or colour that differs from what
 * it last set (a burst of codes, or a status write that leaves the count alone, costs no badge calls).
 * The first call always sets both: a restarted worker does not know what the last one left.
 */
export class Badge {
  #shown: Partial<BadgeLook> = {};

  async show(liveCount: number, status: ConnectionStatus): Promise<void> {
    const { text, color } = badgeLook(liveCount, status);
    if (text !== this.#shown.text) {
      await browser.action.setBadgeText({ text });
      this.#shown.text = text;
    }
    if (color !== this.#shown.color) {
      await browser.action.setBadgeBackgroundColor({ color });
      this.#shown.color = color;
    }
  }
}

/** The action's tooltip: where a shortcut fill that could not happen says why (no popup is open to show it). */
export async function setActionNotice(notice: string | null): Promise<void> {
  await browser.action.setTitle({ title: notice ? `otp-relay: ${notice}` : 'otp-relay: verification codes' });
}
