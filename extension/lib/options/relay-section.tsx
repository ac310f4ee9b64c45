import { unpair } from '../settings.ts';
import { PairingForm } from '../ui/pairing-form.tsx';

interface RelaySectionProps {
  relayUrl: string;
  paired: boolean;
}

/** Which relay we listen to, pairing with it again (new token or address), and unpairing. */
export function RelaySection({ relayUrl, paired }: RelaySectionProps) {
  return (
    <section aria-labelledby="relay-heading" data-testid="relay-section">
      <h2 id="relay-heading">Relay</h2>
      <p data-testid="pairing-status" data-paired={paired}>
        {paired ? (
          <>
            Paired with <code>{relayUrl}</code>.
          </>
        ) : (
          'Not paired.'
        )}
      </p>
      {paired && (
        <div>
          <button type="button" onClick={() => void unpair()}>
            Unpair
          </button>
        </div>
      )}
      <PairingForm
        key={relayUrl}
        defaultRelayUrl={relayUrl}
        heading={paired ? 'Pair again (new token or address)' : 'Pair with your relay'}
      />
    </section>
  );
}
