import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { CodeState } from '../code-store.ts';
import type { ConnectionInfo } from '../connection-status.ts';
import { parseCodeState, parseConnectionInfo, SESSION_KEYS } from '../session-state.ts';
import { resolveSettings, SETTINGS_KEYS, type Settings } from '../settings.ts';

export interface ExtensionState {
  loaded: boolean;
  codes: CodeState | null;
  connection: ConnectionInfo | null;
  settings: Settings;
}

/** The background's state as stored (session: codes, connection; local: settings), kept current live. */
export function useExtensionState(): ExtensionState {
  const [state, setState] = useState<ExtensionState>({
    loaded: false,
    codes: null,
    connection: null,
    settings: resolveSettings({}),
  });

  useEffect(() => {
    let active = true;
    const read = async () => {
      const [session, local] = await Promise.all([
        browser.storage.session.get([SESSION_KEYS.codes, SESSION_KEYS.connection]),
        browser.storage.local.get([...SETTINGS_KEYS]),
      ]);
      if (!active) return;
      setState({
        loaded: true,
        codes: parseCodeState(session[SESSION_KEYS.codes]),
        connection: parseConnectionInfo(session[SESSION_KEYS.connection]),
        settings: resolveSettings(local),
      });
    };
    const onChanged = (_changes: unknown, area: string) => {
      if (area === 'session' || area === 'local') void read();
    };
    void read();
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      active = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return state;
}
