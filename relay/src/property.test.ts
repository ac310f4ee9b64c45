import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsRequest, startTestRelay, type TestRelay } from '../test-kit/relay-test-kit.ts';
import { EmptyBodySchema, ROUTES } from './http/routes.ts';

let t: TestRelay;
let verificationId: string;
beforeAll(async () => {
  t = await startTestRelay({ testClock: true });
  verificationId = (await t.client.createVerification(smsRequest())).id;
  await t.client.setChaos([{ match: { channel: 'email' }, action: 'spam' }]);
});
afterAll(() => t.close());

/** Everything observable about the relay's state. */
function fingerprint(): string {
  const { service, controls, snapshot } = t.relay;
  return JSON.stringify([snapshot(), controls.chaosState(), controls.clockState(), service.get(verificationId)]);
}

const apiRoutes = ROUTES.filter((r) => r.path.startsWith('/api/') && r.path !== '/api/v1/openapi.json');

/** Bodies from junk to almost-right: valid-looking fields with one thing off, and pure noise. */
const bodyArbitrary = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.dictionary(fc.string(), fc.jsonValue()),
  fc.record(
    {
      to: fc.oneof(fc.constant('+14155550123'), fc.string(), fc.integer()),
      channel: fc.oneof(fc.constantFrom('sms', 'email', 'fax'), fc.jsonValue()),
      purpose: fc.oneof(fc.constantFrom('login', 'signup', 'nope'), fc.jsonValue()),
      origin: fc.oneof(fc.constant('https://shop.example'), fc.webUrl(), fc.string()),
      code: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string(), fc.integer()),
      ms: fc.oneof(fc.integer(), fc.double(), fc.string()),
      rules: fc.array(fc.jsonValue(), { maxLength: 3 }),
      extra: fc.jsonValue(),
    },
    { requiredKeys: [] },
  ),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json',
  'text/plain',
  'application/merge-patch+json',
);
const queryArbitrary = fc.dictionary(
  fc.constantFrom('to', 'purpose', 'origin', 'folder', 'since', 'limit', 'wait', 'x', 'to[]'),
  fc.oneof(fc.string(), fc.constantFrom('inbox', 'spam', 'login', '-1', '61', '2026-01-01T00:00:00.000Z')),
);

/** What a raw string body becomes on the relay: nothing when empty, else its JSON (or a parse error). */
function asServerSees(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return Symbol('malformed');
  }
}

describe('8. property: arbitrary input never breaks the relay', () => {
  it('never answers 5xx and never changes state for input the route refuses', async () => {
    const before = fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...apiRoutes.map((r) => ({ ...r, toString: () => `${r.method} ${r.path}` }))),
        bodyArbitrary,
        contentType,
        queryArbitrary,
        fc.constantFrom(
          () => verificationId,
          () => 'VE00000000000000000000000000000000',
          () => '..%2f',
          () => '%E0%A4%A',
        ),
        async (route, body, type, query, id) => {
          const schema = route.body ?? EmptyBodySchema;
          // A body the route accepts is a real request that may rightly change state: only refusals count here.
          // An empty body is no body, whatever its Content-Type claims (DELETE with an empty text/plain body cancels).
          const parsedAsJson = type === 'application/json' || type === 'application/merge-patch+json' || body === '';
          if (route.method !== 'get' && parsedAsJson && schema.safeParse(asServerSees(body)).success) return;
          const path = route.path.replace(':id', id());
          const search = new URLSearchParams(query as Record<string, string>).toString();
          const waitFree = route.path.endsWith('/latest') ? '&wait=0' : '';
          const answer = await fetch(`${t.relay.url}${path}?${search}${waitFree}`, {
            method: route.method.toUpperCase(),
            headers: { authorization: `Bearer ${t.relay.token}`, 'content-type': type },
            ...(route.method === 'get' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
          });
          const text = await answer.text();
          expect(answer.status, `${route.method} ${path} ${text}`).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(fingerprint()).toBe(before);
        },
      ),
      { numRuns: 200 },
    );
  });
});
