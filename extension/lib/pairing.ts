import { RelayError } from '@otp-relay/shared/errors';
import { listMessages } from '@otp-relay/shared/messages-api';
import { RelayHttp } from '@otp-relay/shared/relay-http';
import { originOf } from './relay-origins.ts';
import { saveSettings } from './settings.ts';

export type PairResult = { ok: true; relayUrl: string } | { ok: false; field: 'relayUrl' | 'token'; message: string };

/**
 * Pairing in one step: checks the token against the relay itself (an authenticated read) and stores it only
 * when the relay accepts it, so a typo never leaves the extension "paired" with a dead token.
 */
export async function pairWithRelay(relayUrl: string, token: string, fetchFn?: typeof fetch): Promise<PairResult> {
  const origin = originOf(relayUrl.trim());
  if (!origin) return { ok: false, field: 'relayUrl', message: 'Enter the relay address, like http://127.0.0.1:8787.' };
  const cleanToken = token.trim();
  if (cleanToken === '') return { ok: false, field: 'token', message: 'Paste the token the relay printed at start.' };
  try {
    const http = new RelayHttp({ url: origin, token: cleanToken, ...(fetchFn ? { fetch: fetchFn } : {}) });
    await listMessages(http, { limit: 1 });
  } catch (error) {
    return { ok: false, ...explain(error, origin) };
  }
  await saveSettings({ relayUrl: origin, token: cleanToken });
  return { ok: true, relayUrl: origin };
}

function explain(error: unknown, origin: string): { field: 'relayUrl' | 'token'; message: string } {
  if (error instanceof RelayError) {
    if (error.code === 'unauthorized') {
      return { field: 'token', message: 'The relay rejected this token. Copy it again from the relay’s terminal.' };
    }
    if (error.code === 'relay_unproven') {
      // It could not prove our token: another token, or not the relay at all. It learnt nothing from us.
      return {
        field: 'token',
        message: `The relay at ${origin} rejected this token (it could not prove it knows it). Copy it again from the relay’s terminal.`,
      };
    }
    if (error.code === 'forbidden_host') {
      return { field: 'relayUrl', message: `The relay refuses to be reached as ${origin} (Host check).` };
    }
    return { field: 'relayUrl', message: `The relay at ${origin} answered: ${error.message}` };
  }
  return { field: 'relayUrl', message: `No relay answers at ${origin}. Is it running? Start it with npm start.` };
}
