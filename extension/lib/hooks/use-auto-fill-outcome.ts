import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AUTO_FILL_OUTCOMES_KEY, type AutoFillOutcome, parseAutoFillOutcomes } from '../auto-fill-outcomes.ts';
import { originOf } from '../relay-origins.ts';

/**
 * The auto-fill outcome the background stored for the tab the popup was opened over (storage.session, kept
 * current live), while that tab is still on the origin it was armed on; null when there is none.
 */
export function useAutoFillOutcome(): AutoFillOutcome | null {
  const [outcome, setOutcome] = useState<AutoFillOutcome | null>(null);
  useEffect(() => {
    let active = true;
    const read = async () => {
      const [[tab], stored] = await Promise.all([
        browser.tabs.query({ active: true, currentWindow: true }),
        browser.storage.session.get(AUTO_FILL_OUTCOMES_KEY),
      ]);
      const found = tab?.id === undefined ? undefined : parseAutoFillOutcomes(stored[AUTO_FILL_OUTCOMES_KEY])[tab.id];
      if (active) setOutcome(found && found.origin === originOf(tab?.url) ? found : null);
    };
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && AUTO_FILL_OUTCOMES_KEY in changes) void read().catch(() => undefined);
    };
    void read().catch(() => undefined);
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      active = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
  return outcome;
}
