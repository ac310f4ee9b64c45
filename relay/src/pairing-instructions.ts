import { EXTENSION_ID } from '@otp-relay/shared';
import type { TokenSource } from './config/token-store.ts';
import type { Relay } from './create-relay.ts';

export type PairingFacts = Pick<Relay, 'url' | 'token' | 'clock'> & {
  tokenSource: TokenSource;
  /** The stored token's file (`generated`, `stored`). */
  tokenPath?: string | undefined;
};

/**
 * What the CLI prints under its first line: how to pair the extension. The token itself only when it was just
 * generated; a stored one is named by its file, a given one by how it was given.
 */
export function pairingInstructions(relay: PairingFacts, testControls: boolean): string {
  const tokenLines: Record<TokenSource, string[]> = {
    generated: [
      `  ${relay.token}`,
      `This new token is stored in ${relay.tokenPath}: restarts keep it, so the extension stays paired.`,
      'Shown only now (`otp-relay token show` prints it again; `otp-relay token rotate` makes a new one).',
    ],
    stored: [`  the token stored in ${relay.tokenPath} (\`otp-relay token show\` prints it).`],
    flag: ['  the token you started the relay with (--token).'],
    env: ['  the token you started the relay with (OTP_RELAY_TOKEN).'],
    file: ['  the token you started the relay with (--token-file).'],
  };
  const lines = [
    '',
    'Pair the Chrome extension (one step): open its popup, choose "Pair with relay" and paste',
    ...tokenLines[relay.tokenSource],
    `Extension allowed on the stream: chrome-extension://${EXTENSION_ID}`,
    '',
    `Demo seller center: ${relay.url}/demo/`,
    `API (OpenAPI 3.1):  ${relay.url}/api/v1/openapi.json`,
    `Test clock: ${relay.clock.isTest ? 'on' : 'off'}. Test controls: ${testControls ? 'on' : 'off'}.`,
    'Press Ctrl-C to stop.',
  ];
  return `${lines.join('\n')}\n`;
}
