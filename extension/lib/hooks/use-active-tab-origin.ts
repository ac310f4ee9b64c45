import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { originOf } from '../relay-origins.ts';

/**
 * The origin of the tab the popup was opened over (visible to us through activeTab), or null for non-web
 * pages; `undefined` until known.
 */
export function useActiveTabOrigin(): string | null | undefined {
  const [origin, setOrigin] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => active && setOrigin(originOf(tab?.url)))
      .catch(() => active && setOrigin(null));
    return () => {
      active = false;
    };
  }, []);
  return origin;
}
