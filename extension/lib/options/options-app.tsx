import { AuthenticatorSettings } from '../authenticator/options/authenticator-settings.tsx';
import { useExtensionState } from '../hooks/use-extension-state.ts';
import { AutoFillSites } from './auto-fill-sites.tsx';
import { PhoneSetup } from './phone-setup.tsx';
import { RelaySection } from './relay-section.tsx';
import { SubmitToggle } from './submit-toggle.tsx';

export function OptionsApp() {
  const { loaded, settings } = useExtensionState();
  if (!loaded) return <main className="options" aria-busy="true" />;
  return (
    <main className="options" data-testid="options">
      <h1>otp-relay settings</h1>
      <RelaySection relayUrl={settings.relayUrl} paired={settings.token !== ''} />
      <AutoFillSites origins={settings.autoFillOrigins} />
      <SubmitToggle checked={settings.submitAfterFill} />
      {settings.token !== '' && <PhoneSetup relayUrl={settings.relayUrl} token={settings.token} />}
      <AuthenticatorSettings />
      <section aria-labelledby="shortcut-heading">
        <h2 id="shortcut-heading">Keyboard shortcut</h2>
        <p>
          <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>O</kbd> fills the newest code for the site in the active tab. Change it
          at <code>chrome://extensions/shortcuts</code>.
        </p>
      </section>
    </main>
  );
}
