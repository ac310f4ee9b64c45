import { EXTENSION_ID } from '@otp-relay/shared';
import type { Relay } from './create-relay.ts';

type PairingFacts = Pick<Relay, 'url' | 'token' | 'tokenGenerated' | 'clock'>;

/** What the CLI prints under its first line: how to pair the extension. The token only if it was generated here. */
export function pairingInstructions(relay: PairingFacts, testControls: boolean): string {
  const lines = [
    '',
    'Pair the Chrome extension (one step): open its popup, choose "Pair with relay" and paste',
    relay.tokenGenerated ? `  ${relay.token}` : '  the token you started the relay with (--token / OTP_RELAY_TOKEN).',
    relay.tokenGenerated
      ? 'This token is shown only now. Start with --token or OTP_RELAY_TOKEN to keep one across restarts.'
      : '',
    `Extension allowed on the stream: chrome-extension://${EXTENSION_ID}`,
    '',
    `Demo seller center: ${relay.url}/demo/`,
    `API (OpenAPI 3.1):  ${relay.url}/api/v1/openapi.json`,
    `Test clock: ${relay.clock.isTest ? 'on' : 'off'}. Test controls: ${testControls ? 'on' : 'off'}.`,
    'Press Ctrl-C to stop.',
  ];
  return `${lines.filter((line, i) => line !== '' || i === 0 || lines[i - 1] !== '').join('\n')}\n`;
}
