/**
 * The modules whose tests must catch real bugs (issue 8), each with the files Stryker mutates. Scores are
 * per module: a weak spot in one is not hidden by a strong neighbour. Keep this list in step with the tree.
 */
export interface MutationModule {
  name: string;
  /** What a reader should expect the tests of this module to prove. */
  promise: string;
  files: string[];
  /**
   * The tests to run against its mutants, when not every test that imports its files (the default): for files
   * the whole relay imports, where that is every relay test and a run took hours. The score is then what these
   * tests catch, a lower bound of what the whole suite would.
   */
  tests?: string[];
}

export const MUTATION_GOAL = 85;

export const MUTATION_MODULES: MutationModule[] = [
  {
    name: 'verification lifecycle',
    promise: 'create, check, resend, cancel and expiry follow the spec, exactly one correct check wins',
    files: [
      'relay/src/verifications/verification-lifecycle.ts',
      'relay/src/verifications/code-deadlines.ts',
      'relay/src/verifications/delayed-deliveries.ts',
    ],
  },
  {
    name: 'abuse limits',
    promise: 'send window, resend cooldown, attempts and destination lockout refuse what they should',
    files: ['relay/src/verifications/abuse-limits.ts', 'relay/src/limits.ts'],
  },
  {
    name: 'stream server',
    promise:
      'nothing before the client proved the token, hello, resume exactly once, snapshot on a new epoch, pings and slow-client termination',
    // The stream's challenge and proof check live in stream-server.ts (issue 13); the proof maths in security checks.
    files: ['relay/src/stream-server.ts', 'relay/src/event-log.ts'],
    tests: [
      'relay/src/event-log.test.ts',
      'relay/src/stream-server.test.ts',
      'relay/src/stream.test.ts',
      'relay/src/stream-resume.test.ts',
      'relay/src/stream-snapshot.test.ts',
      'relay/src/stream-proof.test.ts',
      'relay/src/port-squatter.test.ts',
      'relay/src/security.test.ts',
      'relay/src/request-target.test.ts',
      'relay/src/socket-limits.test.ts',
    ],
  },
  {
    name: 'stream client resume',
    promise:
      'reconnects with backoff, resumes from its cursor without losing or repeating an event, and uses nothing from a relay that did not prove the token',
    files: ['shared/src/stream-client.ts'],
  },
  {
    name: 'security checks',
    promise:
      'Host allow-list, token, Origin pinning and body rules refuse every request they should; the token is proved, never sent, and a proof fits only its place',
    // Issue 13: the HTTP sessions (relay side) and the proof maths both sides share.
    files: ['relay/src/http/security.ts', 'relay/src/http/session-auth.ts', 'shared/src/token-proof.ts'],
    tests: [
      'relay/src/http/security.test.ts',
      'relay/src/http/session-auth.test.ts',
      'shared/src/token-proof.test.ts',
      'shared/src/stream-client.test.ts',
      'relay/src/security.test.ts',
      'relay/src/request-target.test.ts',
      'relay/src/session-proof.test.ts',
      'relay/src/stream-proof.test.ts',
      'relay/src/port-squatter.test.ts',
      'relay/src/config/token-store.test.ts',
    ],
  },
  {
    name: 'autofill field finding',
    promise: 'finds the verification field(s) and never a promo, phone, password, hidden or foreign one',
    files: [
      'extension/lib/autofill/find-otp-fields.ts',
      'extension/lib/autofill/find-split-groups.ts',
      'extension/lib/autofill/score-field.ts',
      'extension/lib/autofill/is-fillable.ts',
      'extension/lib/autofill/match-keywords.ts',
      'extension/lib/autofill/find-slot-proxy.ts',
      // What a field and the page around it say (the promo, phone and password words are read here), and which
      // frames and shadow roots are searched at all (a cross-origin frame is a foreign field).
      'extension/lib/autofill/field-text.ts',
      'extension/lib/autofill/collect-roots.ts',
    ],
  },
  {
    name: 'autofill fill',
    promise: 'fills the way typing looks to the framework, and reports what the page now holds',
    files: ['extension/lib/autofill/fill-input.ts', 'extension/lib/autofill/fill-split-inputs.ts'],
  },
  {
    name: 'autofill injection',
    promise:
      'a page gets autofill.js, the parts its request and its shape need, and nothing else; a script that keeps asking for parts gets no-field',
    files: ['extension/lib/content-bridge.ts'],
  },
  {
    name: 'fill rules',
    promise: 'a code is filled only where it may be: its exact origin, or https pages of its site',
    files: ['extension/lib/fill-rules.ts'],
  },
  {
    name: 'popup countdown model',
    promise: 'time left and the draining bar follow the relay clock; expired codes grey then go',
    files: ['extension/lib/popup/code-view.ts', 'extension/lib/popup/countdown-bar.tsx'],
  },
];
