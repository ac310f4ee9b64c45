import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { AuthenticatorSection } from '../authenticator/popup/authenticator-section.tsx';
import { useActiveTabPage } from '../hooks/use-active-tab-page.ts';
import { useExtensionState } from '../hooks/use-extension-state.ts';
import { useNow } from '../hooks/use-now.ts';
import type { RuntimeRequest, RuntimeResponse } from '../runtime-messages.ts';
import { PairingForm } from '../ui/pairing-form.tsx';
import { AutoFillNotice } from './auto-fill-notice.tsx';
import { CodeList } from './code-list.tsx';
import { groupCodes } from './code-view.ts';
import { ConnectionBanner } from './connection-banner.tsx';

function ask(request: RuntimeRequest): Promise<RuntimeResponse> {
  return browser.runtime.sendMessage(request);
}

export function PopupApp() {
  const { loaded, codes, connection, settings } = useExtensionState();
  const activePage = useActiveTabPage();
  const now = useNow();
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void ask({ type: 'otp-relay/wake' }).catch(() => undefined);
  }, []);

  const paired = settings.token !== '';
  const status = !paired ? 'not-paired' : (connection?.status ?? 'connecting');
  const groups = groupCodes(codes && codes.relayUrl === settings.relayUrl ? codes : null, now);

  const copy = async (code: string) => {
    try {
      await navigator.clipboard.writeText(code);
      setNotice({ ok: true, text: 'Copied.' });
    } catch {
      setNotice({ ok: false, text: 'Could not copy: the clipboard was not available.' });
    }
  };
  const fill = async (messageId: string, confirmed: boolean) => {
    const result = await ask({ type: 'otp-relay/fill-code', messageId, ...(confirmed ? { confirmed } : {}) }).catch(
      () => null,
    );
    if (result) setNotice({ ok: result.ok, text: result.message });
    else setNotice({ ok: false, text: 'The extension’s background did not answer. Try again.' });
  };

  return (
    <main className="popup" data-testid="popup" aria-busy={!loaded}>
      <header className="popup__header">
        <h1>Verification codes</h1>
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </header>
      <ConnectionBanner
        status={status}
        relayUrl={settings.relayUrl}
        onRetry={() => void ask({ type: 'otp-relay/reconnect' }).catch(() => undefined)}
      />
      {loaded && (!paired || status === 'token-rejected') && (
        <PairingForm defaultRelayUrl={settings.relayUrl} heading="Pair with your relay" />
      )}
      <p className="notice" data-testid="notice" data-ok={notice?.ok} role="status" aria-live="polite">
        {notice?.text}
      </p>
      {paired && <AutoFillNotice />}
      {paired && <CodeList groups={groups} activePage={activePage} onCopy={copy} onFill={fill} />}
      <AuthenticatorSection activePage={activePage} now={now} onNotice={setNotice} />
    </main>
  );
}
