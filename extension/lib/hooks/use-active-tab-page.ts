import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { PageAt } from '../fill-rules.ts';
import { originOf } from '../relay-origins.ts';
import { askPageAt } from '../site-of.ts';

/**
 * The tab the popup was opened over (its origin visible to us through activeTab, its site asked of the
 * background), or null for non-web pages; `undefined` until known.
 */
export function useActiveTabPage(): PageAt | null | undefined {
  const [page, setPage] = useState<PageAt | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(async ([tab]) => {
        const origin = originOf(tab?.url);
        const found = origin === null ? null : await askPageAt(origin);
        if (active) setPage(found);
      })
      .catch(() => active && setPage(null));
    return () => {
      active = false;
    };
  }, []);
  return page;
}
