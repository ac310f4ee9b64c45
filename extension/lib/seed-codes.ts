import { listAllMessages } from '@otp-relay/shared/messages-api';
import { RelayHttp } from '@otp-relay/shared/relay-http';
import type { CodeKeeper } from './code-keeper.ts';
import type { Settings } from './settings.ts';

export interface SeedOptions {
  fetch?: typeof fetch;
  /** False once the stream this seeding started for was replaced (another relay, another token). */
  stillCurrent: () => boolean;
}

/**
 * Seeding over HTTP: on the first connection to a relay (no cursor yet) the stream sends only what happens
 * from now on, so what is already live is fetched from GET /api/v1/messages and added to the codes.
 */
export async function seedCodes(codes: CodeKeeper, settings: Settings, options: SeedOptions): Promise<void> {
  try {
    const http = new RelayHttp({
      url: settings.relayUrl,
      token: settings.token,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const messages = await listAllMessages(http, { limit: 1000 });
    if (options.stillCurrent()) codes.seed(messages);
  } catch {
    // The stream still delivers everything new; seeding is a courtesy.
  }
}
