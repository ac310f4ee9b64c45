import type { z } from 'zod';
import { PROOF_HEADER, SESSION_PATH, SESSION_SCHEME } from './constants.ts';
import { PROBLEM_CONTENT_TYPE, ProblemSchema, RelayError } from './errors.ts';
import { SessionAnswerSchema } from './session.ts';
import { bodyDigest, newNonce, sameProof, sessionKey, tokenProof } from './token-proof.ts';

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

/**
 * The relay's HTTP API without its endpoints: a session proved both ways, each request signed and each answer
 * checked, parsed with the caller's schema. RelayClient adds every endpoint; code that needs a few (the
 * extension) calls the endpoint functions of shared/src/api/ on one of these, and ships no other schema.
 */
export class RelayHttp {
  readonly url: string;
  readonly #token: string;
  readonly #fetch: typeof fetch;
  #session: Promise<Session> | null = null;

  constructor(options: RelayClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.#token = options.token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  /** The token this client proves, for what opens its own connection (the stream). */
  protected get token(): string {
    return this.#token;
  }

  /** `method path` with `body` as JSON, in a session; the answer parsed with `schema` (none: nothing expected). */
  async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>>;
  async call(method: string, path: string, schema: null, body?: unknown): Promise<undefined>;
  async call(method: string, path: string, schema: z.ZodType | null, body?: unknown): Promise<unknown> {
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

export function toQuery(query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
