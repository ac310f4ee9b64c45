/**
 * Surviving mutants we looked at and kept, each with why no user could notice it (equivalent code, or a
 * difference only in wording a test should not pin). Matched by file, line and mutator. A survivor that is
 * not here shows as UNEXPLAINED in docs/mutation.md: a test to write, or a reason to add.
 */
export interface Explained {
  file: string;
  line: number;
  mutator: string;
  why: string;
}

const LIFECYCLE = 'relay/src/verifications/verification-lifecycle.ts';
const DIGEST_FOLLOWS_STATUS =
  'Equivalent: codeDigest is null exactly when the status is not pending (set in the same turn as create, ' +
  'cleared in #end), so either half alone decides the same; the digest test is there to narrow the type.';
const DELIVER_ONLY_PENDING =
  `${DIGEST_FOLLOWS_STATUS} And #deliver is only reached for a pending verification: straight after its code ` +
  'is issued, or by a held delivery, which is dropped when the verification ends.';

const STREAM_CLIENT = 'shared/src/stream-client.ts';
const CLOSE_REASON =
  "Harmless: the close reason is a note for the relay's log; the close code beside it (tested) is what both " +
  'sides act on.';
const JSON_PARSE_COERCES =
  'Equivalent: JSON.parse converts its argument with String() itself, so parsing the frame or String(frame) ' +
  'reads the same text; the ternary only spells out the binary case for the reader.';
const CATCH_ONLY_ASSIGNS_UNDEFINED =
  'Equivalent: without the catch body `parsed` stays undefined, which no frame schema accepts, so the frame ' +
  'is refused (challenge) or ignored (event) all the same.';
const SEND_GUARD =
  'Equivalent: frames are only sent while a connection is current, and a socket can only be closing then ' +
  '(we called close and its close event has not come yet); a send on a closing socket is dropped without an ' +
  'error by browsers and by ws, as it is by the guard.';
const CLOSE_EVENT_IS_CURRENT =
  "Equivalent: a new socket is only made from the retry timer that the current socket's close event sets, " +
  'so a close event (and the proof timer it clears) always belongs to the current socket; the test is for ' +
  'the reader.';

export const EXPLAINED: Explained[] = [
  // stream client resume
  ...[134, 141, 153, 183, 236].map((line) => ({
    file: STREAM_CLIENT,
    line,
    mutator: 'StringLiteral',
    why: CLOSE_REASON,
  })),
  ...[173, 199].flatMap((line) =>
    ['ConditionalExpression', 'EqualityOperator', 'StringLiteral'].map((mutator) => ({
      file: STREAM_CLIENT,
      line,
      mutator,
      why: JSON_PARSE_COERCES,
    })),
  ),
  ...[174, 200].map((line) => ({
    file: STREAM_CLIENT,
    line,
    mutator: 'BlockStatement',
    why: CATCH_ONLY_ASSIGNS_UNDEFINED,
  })),
  { file: STREAM_CLIENT, line: 192, mutator: 'ConditionalExpression', why: SEND_GUARD },
  { file: STREAM_CLIENT, line: 257, mutator: 'ConditionalExpression', why: SEND_GUARD },
  {
    file: STREAM_CLIENT,
    line: 257,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: #send runs on a hello (a socket is current) or from the keepalive timer, which is cleared ' +
      'in the same turn as the socket is dropped; the socket is never null there.',
  },
  {
    file: STREAM_CLIENT,
    line: 236,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the keepalive timer is cleared in the same turn as the socket is dropped, so when it ' +
      'fires there is always a socket to close.',
  },
  { file: STREAM_CLIENT, line: 153, mutator: 'ConditionalExpression', why: CLOSE_EVENT_IS_CURRENT },
  { file: STREAM_CLIENT, line: 162, mutator: 'ConditionalExpression', why: CLOSE_EVENT_IS_CURRENT },
  {
    file: STREAM_CLIENT,
    line: 156,
    mutator: 'ConditionalExpression',
    why: `${CLOSE_EVENT_IS_CURRENT} Sockets deliver no message after their close event.`,
  },
  // verification lifecycle
  {
    file: LIFECYCLE,
    line: 73,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: a held delivery is dropped whenever its verification ends (#removeMessage) and only ended ' +
      'verifications are forgotten, so a delivery that falls due always finds its record; the test is for the type.',
  },
  { file: LIFECYCLE, line: 209, mutator: 'ConditionalExpression', why: DIGEST_FOLLOWS_STATUS },
  { file: LIFECYCLE, line: 209, mutator: 'LogicalOperator', why: DIGEST_FOLLOWS_STATUS },
  { file: LIFECYCLE, line: 248, mutator: 'ConditionalExpression', why: DELIVER_ONLY_PENDING },
  { file: LIFECYCLE, line: 248, mutator: 'LogicalOperator', why: DELIVER_ONLY_PENDING },
  {
    file: LIFECYCLE,
    line: 238,
    mutator: 'ConditionalExpression',
    why:
      'Not killable by a deterministic test: without the redraw a resent code repeats the one it replaces once ' +
      'in 10^codeLength resends (a million by default), and only then would the resend test see the old code ' +
      'still valid. The redraw stays so that promise holds on every run.',
  },
  {
    file: 'relay/src/verifications/delayed-deliveries.ts',
    line: 45,
    mutator: 'BlockStatement',
    why:
      'Harmless: clear() runs only on POST /api/v1/reset, which also empties the scheduler, so a held ' +
      'delivery left in the map can never be released; what stays is its memory, not anything a user sees.',
  },
  // abuse limits
  {
    file: 'relay/src/verifications/abuse-limits.ts',
    line: 54,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: pushing onto the empty array gives the same one-send window; the branch only keeps the ' +
      'first send from reserving room for 17 numbers (bench figure 4), a memory saving nothing else sees.',
  },
  {
    file: 'relay/src/verifications/abuse-limits.ts',
    line: 83,
    mutator: 'EqualityOperator',
    why:
      'Equivalent: it adds a second sweep in the same millisecond as the last one, and within one millisecond ' +
      'no counter can become idle (that takes a send leaving the window or a lockout ending), so it finds nothing new.',
  },
  // popup countdown model
  {
    file: 'extension/lib/popup/code-view.ts',
    line: 23,
    mutator: 'StringLiteral',
    why:
      'Equivalent: a code the relay issued always carries its origin (IssuedMessage requires one, toStoredCode ' +
      'copies it); the fallback is there because StoredCode keeps origin optional for codes from elsewhere.',
  },
  // fill rules
  {
    file: 'extension/lib/fill-rules.ts',
    line: 94,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: a null page origin is never in the auto-fill list (a list of origin strings), so the ' +
      'includes test refuses it anyway; the null test is there to narrow the type for includes.',
  },
  ...(['ConditionalExpression', 'EqualityOperator'] as const).map((mutator) => ({
    file: 'relay/src/verifications/abuse-limits.ts',
    line: 116,
    mutator,
    why:
      'Equivalent: on an empty window sends[0] is undefined and `undefined <= windowStart` is false, so the ' +
      'loop stops just the same; the length test says it plainly. (Once reported as a timeout, under load.)',
  })),
];
