import type { z } from 'zod';
import { PROOF_HEADER, SESSION_PATH, SESSION_SCHEME } from './constants.ts';
import {
  type ChaosRuleInput,
  type ChaosState,
  ChaosStateSchema,
  type ClockState,
  ClockStateSchema,
} from './controls.ts';
import type { CreateVerificationRequest } from './create-verification-request.ts';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, RelayError } from './errors.ts';
import {
  type InboundMessageRequest,
  type IssuedMessage,
  type LatestMessageQuery,
  type ListMessagesQuery,
  type Message,
  type MessageList,
  MessageListSchema,
  MessageSchema,
  type MessageSource,
  type SenderRulesState,
  SenderRulesStateSchema,
  type SenderRuleWire,
} from './message.ts';
import {
  type AddedPhone,
  AddedPhoneSchema,
  type AddPhoneRequest,
  type Phone,
  PhoneListSchema,
  type PhoneQr,
  PhoneQrSchema,
  PhoneSchema,
} from './phones.ts';
import { SessionAnswerSchema } from './session.ts';
import { RelayStream, type RelayStreamOptions } from './stream-client.ts';
import { bodyDigest, newNonce, sameProof, sessionKey, tokenProof } from './token-proof.ts';
import {
  type CreateTotpDeviceRequest,
  type TotpCode,
  TotpCodeSchema,
  type TotpDevice,
  TotpDeviceListSchema,
  TotpDeviceSchema,
} from './totp-device.ts';
import {
  type CheckByDestinationRequest,
  type CheckResult,
  CheckResultSchema,
  type Verification,
  VerificationSchema,
} from './verification.ts';

export interface RelayClientOptions {
  /** Base URL of the relay, e.g. http://127.0.0.1:8787 */
  url: string;
  /**
   * The relay's API token. Never sent: the client proves it in a session the relay opened by proving it first,
   * and uses no answer that lacks the relay's proof (docs/security.md).
   */
  token: string;
  fetch?: typeof fetch;
}

export interface WaitForMessageOptions extends Omit<LatestMessageQuery, 'wait'> {
  /** Give up after this long (default 10 s). Longer waits are split into several long polls. */
  timeoutMs?: number;
}

/** A session the relay opened: both nonces and the key both sides derived from the token. */
interface Session {
  clientNonce: string;
  relayNonce: string;
  key: Uint8Array;
}

const unproven = () =>
  new RelayError(
    'relay_unproven',
    'The answer did not prove it came from a relay that knows the token: a wrong token, or another program on the relay’s address.',
  );

/** A typed client for the relay's whole HTTP API: what tests, testers and shop backends use. */
export class RelayClient {
  readonly url: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  #session: Promise<Session> | null = null;

  constructor(options: RelayClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  createVerification(body: CreateVerificationRequest): Promise<Verification> {
    return this.#call('POST', '/api/v1/verifications', VerificationSchema, body);
  }
  getVerification(id: string): Promise<Verification> {
    return this.#call('GET', `/api/v1/verifications/${encodeURIComponent(id)}`, VerificationSchema);
  }
  check(id: string, code: string): Promise<CheckResult> {
    return this.#call('POST', `/api/v1/verifications/${encodeURIComponent(id)}/check`, CheckResultSchema, { code });
  }
  checkByDestination(body: CheckByDestinationRequest): Promise<CheckResult> {
    return this.#call('POST', '/api/v1/verification-checks', CheckResultSchema, body);
  }
  resend(id: string): Promise<Verification> {
    return this.#call('POST', `/api/v1/verifications/${encodeURIComponent(id)}/resend`, VerificationSchema);
  }
  cancel(id: string): Promise<Verification> {
    return this.#call('DELETE', `/api/v1/verifications/${encodeURIComponent(id)}`, VerificationSchema);
  }

  /** One page of live messages (100 unless `query.limit` says otherwise), newest first. */
  async listMessages(query: ListMessagesQuery = {}): Promise<Message[]> {
    return (await this.listMessagesPage(query)).messages;
  }
  /** One page and the cursor of the next (absent on the last page). */
  listMessagesPage(query: ListMessagesQuery = {}): Promise<MessageList> {
    return this.#call('GET', `/api/v1/messages${toQuery(query)}`, MessageListSchema);
  }
  /** Every live message matching `query`, newest first, page by page (at most `maxPages`). */
  async listAllMessages(query: Omit<ListMessagesQuery, 'cursor'> = {}, maxPages = 1000): Promise<Message[]> {
    const all: Message[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const list = await this.listMessagesPage({ ...query, ...(cursor === undefined ? {} : { cursor }) });
      all.push(...list.messages);
      cursor = list.nextCursor;
      if (cursor === undefined) break;
    }
    return all;
  }
  /** The newest live message matching `query`, waiting up to `query.wait` seconds; null when none came. */
  async latestMessage(query: LatestMessageQuery = {}): Promise<Message | null> {
    try {
      return await this.#call('GET', `/api/v1/messages/latest${toQuery(query)}`, MessageSchema);
    } catch (error) {
      if (error instanceof RelayError && error.code === 'message_not_found') return null;
      throw error;
    }
  }
  /** Hands the relay a message that arrived elsewhere (an SMS, an email); answers with it as stored. */
  async postInbound(body: InboundMessageRequest): Promise<Message> {
    return this.#call('POST', '/api/v1/inbound', MessageSchema, body);
  }

  async senderRules(): Promise<SenderRulesState> {
    return this.#call('GET', '/api/v1/sender-rules', SenderRulesStateSchema);
  }

  /** Replaces the seller's own sender rules (the built-in ones stay, checked after them). */
  async setSenderRules(rules: SenderRuleWire[]): Promise<SenderRulesState> {
    return this.#call('PUT', '/api/v1/sender-rules', SenderRulesStateSchema, { rules });
  }

  /**
   * Resolves with the first matching message; rejects with a RelayError `message_not_found` on timeout.
   * Without a `source` it waits for a code this relay issued (`source: "relay"`), typed as such; name another
   * source (e.g. `inbound`) to wait for messages from elsewhere.
   */
  async waitForMessage(options?: WaitForMessageOptions & { source?: 'relay' }): Promise<IssuedMessage>;
  async waitForMessage(options: WaitForMessageOptions & { source: Exclude<MessageSource, 'relay'> }): Promise<Message>;
  async waitForMessage(options: WaitForMessageOptions = {}): Promise<Message> {
    const { timeoutMs = 10_000, source = 'relay', ...rest } = options;
    const query = { ...rest, source };
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const left = deadline - Date.now();
      const wait = Math.max(0, Math.min(60, Math.ceil(left / 1000)));
      const message = await this.latestMessage({ ...query, wait });
      if (message) return message;
      if (Date.now() >= deadline) {
        throw new RelayError(
          'message_not_found',
          `No message matching ${JSON.stringify(query)} within ${timeoutMs} ms`,
        );
      }
    }
  }

  /**
   * Adds a virtual TOTP device (an authenticator app for tests) from the site's `otpauthUri` (what its QR code
   * holds) or a base32 `secret`; the secret is never shown again.
   */
  createTotpDevice(body: CreateTotpDeviceRequest): Promise<TotpDevice> {
    return this.#call('POST', '/api/v1/totp-devices', TotpDeviceSchema, body);
  }
  async totpDevices(): Promise<TotpDevice[]> {
    return (await this.#call('GET', '/api/v1/totp-devices', TotpDeviceListSchema)).devices;
  }
  totpDevice(id: string): Promise<TotpDevice> {
    return this.#call('GET', `/api/v1/totp-devices/${encodeURIComponent(id)}`, TotpDeviceSchema);
  }
  /** The code the device shows now, on the relay's clock (the test clock moves it). */
  totpCode(id: string): Promise<TotpCode> {
    return this.#call('GET', `/api/v1/totp-devices/${encodeURIComponent(id)}/code`, TotpCodeSchema);
  }
  deleteTotpDevice(id: string): Promise<TotpDevice> {
    return this.#call('DELETE', `/api/v1/totp-devices/${encodeURIComponent(id)}`, TotpDeviceSchema);
  }

  /** Adds a phone: its webhook URL and its secret, which no later answer repeats. */
  addPhone(body: AddPhoneRequest): Promise<AddedPhone> {
    return this.#call('POST', '/api/v1/phones', AddedPhoneSchema, body);
  }
  async phones(): Promise<Phone[]> {
    return (await this.#call('GET', '/api/v1/phones', PhoneListSchema)).phones;
  }
  /** A QR code (SVG) of the phone's webhook URL, to scan with the phone. */
  phoneQr(id: string): Promise<PhoneQr> {
    return this.#call('GET', `/api/v1/phones/${encodeURIComponent(id)}/qr`, PhoneQrSchema);
  }
  removePhone(id: string): Promise<Phone> {
    return this.#call('DELETE', `/api/v1/phones/${encodeURIComponent(id)}`, PhoneSchema);
  }

  setChaos(rules: ChaosRuleInput[]): Promise<ChaosState> {
    return this.#call('PUT', '/api/v1/chaos', ChaosStateSchema, { rules });
  }
  getChaos(): Promise<ChaosState> {
    return this.#call('GET', '/api/v1/chaos', ChaosStateSchema);
  }
  clearChaos(): Promise<ChaosState> {
    return this.setChaos([]);
  }
  clock(): Promise<ClockState> {
    return this.#call('GET', '/api/v1/clock', ClockStateSchema);
  }
  advanceClock(ms: number): Promise<ClockState> {
    return this.#call('POST', '/api/v1/clock/advance', ClockStateSchema, { ms });
  }
  async reset(): Promise<void> {
    await this.#call('POST', '/api/v1/reset', null);
  }

  /** Opens the live stream with this client's relay and token. */
  stream(options: Omit<RelayStreamOptions, 'url' | 'token'> = {}): RelayStream {
    return new RelayStream({ ...options, url: this.url, token: this.#token });
  }

  async #call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
  async #call(method: string, path: string, schema: null, body?: unknown): Promise<undefined>;
  async #call(method: string, path: string, schema: z.ZodType | null, body?: unknown): Promise<unknown> {
    const text = body === undefined ? '' : JSON.stringify(body);
    for (let attempt = 0; ; attempt++) {
      const session = await this.#currentSession();
      const answer = await this.#signed(session, method, path, text);
      if (!answer.ok) {
        const error = toRelayError(answer);
        // A relay that restarted no longer knows the session (and proved that it knows the token): start anew.
        if (error.code === 'unauthorized' && attempt === 0) {
          this.#session = null;
          continue;
        }
        throw error;
      }
      if (schema === null || answer.status === 204) return undefined;
      return schema.parse(JSON.parse(answer.text));
    }
  }

  #currentSession(): Promise<Session> {
    if (this.#session === null) {
      const started = this.#handshake();
      this.#session = started;
      started.catch(() => {
        if (this.#session === started) this.#session = null;
      });
    }
    return this.#session;
  }

  /** POST /api/v1/session: the relay proves the token on our nonce; nothing of ours is sent before that. */
  async #handshake(): Promise<Session> {
    const clientNonce = newNonce();
    const response = await this.#fetch(`${this.url}${SESSION_PATH}`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ clientNonce }),
    });
    const text = await response.text();
    if (!response.ok) {
      // Not proved: only the code is kept (a Host refusal explains itself), never the answer's own words.
      const problem = ProblemSchema.safeParse(parseJson(text));
      if (problem.success && problem.data.code === 'forbidden_host') {
        throw new RelayError('forbidden_host', 'The relay refuses this address (Host check).');
      }
      throw unproven();
    }
    const answer = SessionAnswerSchema.safeParse(parseJson(text));
    if (!answer.success) throw unproven();
    const { relayNonce, relayProof } = answer.data;
    if (!sameProof(relayProof, tokenProof(this.#token, 'session relay', clientNonce, relayNonce))) throw unproven();
    return { clientNonce, relayNonce, key: sessionKey(this.#token, clientNonce, relayNonce) };
  }

  /** One request signed in `session`; the answer only once its proof is checked. */
  async #signed(session: Session, method: string, path: string, text: string): Promise<ProvedAnswer> {
    const url = `${this.url}${path}`;
    const parsed = new URL(url);
    const requestNonce = newNonce();
    const target = `${parsed.pathname}${parsed.search}`;
    const mac = tokenProof(session.key, 'request', method, target, requestNonce, bodyDigest(text));
    const headers: Record<string, string> = {
      authorization: `${SESSION_SCHEME} nc=${session.clientNonce}, nr=${session.relayNonce}, n=${requestNonce}, mac=${mac}`,
      accept: 'application/json',
    };
    if (text !== '') headers['content-type'] = 'application/json';
    const response = await this.#fetch(url, { method, headers, ...(text === '' ? {} : { body: text }) });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const expected = tokenProof(session.key, 'response', mac, String(response.status), bodyDigest(bytes));
    if (!sameProof(response.headers.get(PROOF_HEADER) ?? undefined, expected)) throw unproven();
    return {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      contentType: response.headers.get('content-type') ?? '',
      text: new TextDecoder().decode(bytes),
    };
  }
}

/** An answer whose proof was checked. */
interface ProvedAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  contentType: string;
  text: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function toRelayError(answer: ProvedAnswer): RelayError {
  if (answer.contentType.startsWith(PROBLEM_CONTENT_TYPE)) {
    const problem = ProblemSchema.safeParse(parseJson(answer.text));
    if (problem.success) return RelayError.fromProblem(problem.data);
  }
  return new RelayError('internal_error', `Relay answered ${answer.status} ${answer.statusText}`);
}

function toQuery(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
