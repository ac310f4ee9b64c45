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

const SECURITY = 'relay/src/http/security.ts';
const SESSION_AUTH = 'relay/src/http/session-auth.ts';
const WORDING = 'Harmless: wording of a refusal; its status, code and field (tested) are what a client acts on.';
const NO_HEADER_MATCHES_NOTHING =
  'Equivalent: with no header the text searched is empty; any other placeholder (no "Bearer ", no "otp-relay." ' +
  'prefix, no "=" field) matches nothing either, so the answer is the same.';
const CAPTURES_ALWAYS_SET =
  'Equivalent: both groups of FIELD are required, so every match has them; the test narrows the type.';
const FIELD_ALWAYS_STRING =
  "Equivalent: the four fields were just read with `?? ''`, so they are strings and this fallback never " +
  'applies; any placeholder there would fail the patterns anyway.';
const LENGTH_TWICE =
  "Equivalent: the relay nonce's length is checked twice, here and by `same` (lengths first, then " +
  'timingSafeEqual), and either check alone refuses a nonce of another length.';

const PROBE_NOT_A_LANGUAGE =
  'Equivalent: "Stryker was here" is no two-letter language, so the filter below drops it and the page gets ' +
  'English alone, as with the empty list.';
const COLLECT_ROOTS = 'extension/lib/autofill/collect-roots.ts';
const FIELD_TEXT = 'extension/lib/autofill/field-text.ts';
const STREAM_SERVER = 'relay/src/stream-server.ts';
const FILL_INPUT = 'extension/lib/autofill/fill-input.ts';
const FILL_SPLIT = 'extension/lib/autofill/fill-split-inputs.ts';
const LOG_LINE =
  "Harmless: the text or fields of a debug/info log line, for whoever reads the relay's log; no client sees it.";
const STREAM_CLOSE_REASON =
  "Harmless: the close reason is a note for the client's log; the close code beside it (tested) is what " +
  'clients act on.';

export const EXPLAINED: Explained[] = [
  // stream server
  ...[110, 208, 224, 371].flatMap((line) =>
    ['StringLiteral', 'ObjectLiteral'].map((mutator) => ({ file: STREAM_SERVER, line, mutator, why: LOG_LINE })),
  ),
  ...[129, 191, 225].map((line) => ({
    file: STREAM_SERVER,
    line,
    mutator: 'StringLiteral',
    why: STREAM_CLOSE_REASON,
  })),
  { file: STREAM_SERVER, line: 361, mutator: 'ObjectLiteral', why: LOG_LINE },
  ...[143, 144, 146, 153, 157, 242, 247].map((line) => ({
    file: STREAM_SERVER,
    line,
    mutator: 'StringLiteral',
    why: WORDING,
  })),
  {
    file: STREAM_SERVER,
    line: 99,
    mutator: 'ExpressionStatement',
    why:
      'Harmless: unref only lets a process whose relay was never closed exit; close() clears the timer, and ' +
      'no client sees the difference.',
  },
  {
    file: STREAM_SERVER,
    line: 94,
    mutator: 'BooleanLiteral',
    why:
      'Harmless: with client tracking ws keeps a second set of the same sockets, which nothing reads; only ' +
      'memory changes.',
  },
  ...['ConditionalExpression', 'StringLiteral', 'BooleanLiteral'].map((mutator) => ({
    file: STREAM_SERVER,
    line: 95,
    mutator,
    why:
      'Equivalent: the upgrade was refused with 400 before this point unless otp-relay.v1 was offered, so the ' +
      'protocol is always there to be chosen.',
  })),
  {
    file: STREAM_SERVER,
    line: 127,
    mutator: 'ConditionalExpression',
    why:
      "Equivalent: no client in the set is ever CLOSED: ws sets readyState CLOSED and emits 'close' in one " +
      "synchronous step (emitClose), and the 'close' listener takes the client out of the set; so close() never " +
      "waits on 'close' from a socket that already closed.",
  },
  {
    file: STREAM_SERVER,
    line: 142,
    mutator: 'StringLiteral',
    why:
      "Equivalent: the `?? '/'` fallback never applies: a request of an http.Server always has a url, and one " +
      'without would be refused on the line before (isOriginForm, 400 target).',
  },
  ...[
    { line: 170, mutator: 'BooleanLiteral' },
    { line: 237, mutator: 'ConditionalExpression' },
  ].map(({ line, mutator }) => ({
    file: STREAM_SERVER,
    line,
    mutator,
    why:
      '`trusted` is read only in #receive (line 237), after the challenge is cleared, where a client not trusted is one whose ' +
      'proof just failed and that was closed with 4401 in the same turn. Equivalent for every client: its socket ' +
      'is CLOSING, and every frame goes through #sendText, which sends nothing to a socket that is not OPEN ' +
      '(stream-proof.test.ts sends a resume in flight after a wrong proof and gets only the challenge). The guard ' +
      'saves building a snapshot for a client that is leaving.',
  })),
  {
    file: STREAM_SERVER,
    line: 178,
    mutator: 'ArrowFunction',
    why:
      "Harmless: ws emits 'error' only for a frame that breaks the protocol (too large, bad UTF-8, bad opcode), " +
      'after it began the close with the matching code itself (1009 for an oversized frame, tested); terminate ' +
      "only drops the socket at once instead of waiting for the client's close frame (ws gives up after 30 s). " +
      "The client gets the same close code; the mutant still listens, so the 'error' does not throw.",
  },
  {
    file: STREAM_SERVER,
    line: 206,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: #resume clears the grace timer as it starts and returns at once for a client that resumed or ' +
      "is resuming, so the grace's own test of the cursor changes nothing.",
  },
  {
    file: STREAM_SERVER,
    line: 216,
    mutator: 'BlockStatement',
    why:
      '`frame` is declared without a value and JSON.parse threw before the assignment in the try, so it is ' +
      'undefined with or without the catch body. Equivalent: ProveFrameSchema refuses it, and the client is ' +
      'closed with 4401 all the same.',
  },
  {
    file: STREAM_SERVER,
    line: 286,
    mutator: 'ConditionalExpression',
    why:
      '#sendText checks the same before every send, sends nothing to a socket that is not OPEN and then does ' +
      'not call back, so the chain of pages ends there either way. Equivalent for clients: at the last page a ' +
      'history found gone would build a snapshot that nobody receives, which costs time, not a frame.',
  },
  {
    file: STREAM_SERVER,
    line: 294,
    mutator: 'BooleanLiteral',
    why:
      'Equivalent: the next line sets the cursor, and #resume turns away a client whose cursor is set as surely ' +
      'as one still resuming; nothing else reads `resuming`.',
  },
  {
    file: STREAM_SERVER,
    line: 301,
    mutator: 'ConditionalExpression',
    why:
      'Harmless: a page fails to send only on a broken socket (the client reset it, or the relay terminated it); ' +
      'the pages that would follow fail in turn or are dropped by #sendText once ws sees the socket closing. ' +
      'Nothing reaches anyone; what changes is time spent on a client that is gone.',
  },
  ...['ConditionalExpression', 'EqualityOperator'].map((mutator) => ({
    file: STREAM_SERVER,
    line: 337,
    mutator,
    why:
      'Equivalent: each event reaches #broadcast once, within its own publish, with a seq above the head at any ' +
      'moment before; a cursor is set to the head only outside a publish (a resume frame, the grace timer, a ' +
      "page's write callback), or to the event being sent, and no other listener of the event log publishes or " +
      'resumes a client while an event is delivered. So no event is ever at or below a cursor here. Replay and ' +
      'live events are kept apart by the cursor staying null until the replay is sent (tested).',
  })),
  // security checks
  {
    file: SECURITY,
    line: 33,
    mutator: 'ArrayDeclaration',
    why:
      'Killed since this run by "takes only its own names when no extra host is configured" ' +
      '(relay/src/http/security.test.ts), added after it; the next run will not list it.',
  },
  { file: SECURITY, line: 24, mutator: 'StringLiteral', why: WORDING },
  { file: SECURITY, line: 25, mutator: 'StringLiteral', why: WORDING },
  { file: SECURITY, line: 72, mutator: 'StringLiteral', why: NO_HEADER_MATCHES_NOTHING },
  { file: SECURITY, line: 86, mutator: 'StringLiteral', why: NO_HEADER_MATCHES_NOTHING },
  {
    file: SECURITY,
    line: 86,
    mutator: 'MethodExpression',
    why:
      'Equivalent: the empty entries that filter(Boolean) drops (from ",," or a trailing comma) start with ' +
      'no prefix and equal no protocol, so nothing reads them.',
  },
  {
    file: SECURITY,
    line: 95,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: NONCE_PATTERN.test(undefined) tests the text "undefined", which is no nonce; the undefined ' +
      'test is there to narrow the type.',
  },
  {
    file: SESSION_AUTH,
    line: 17,
    mutator: 'MethodExpression',
    why:
      'Equivalent: the scheme "OTP-Relay-Session" has no "=", so FIELD finds the same fields whether it is cut ' +
      'off first or not.',
  },
  ...['ConditionalExpression', 'LogicalOperator'].map((mutator) => ({
    file: SESSION_AUTH,
    line: 18,
    mutator,
    why: CAPTURES_ALWAYS_SET,
  })),
  { file: SESSION_AUTH, line: 20, mutator: 'StringLiteral', why: NO_HEADER_MATCHES_NOTHING },
  { file: SESSION_AUTH, line: 21, mutator: 'StringLiteral', why: FIELD_ALWAYS_STRING },
  { file: SESSION_AUTH, line: 22, mutator: 'StringLiteral', why: FIELD_ALWAYS_STRING },
  {
    file: SESSION_AUTH,
    line: 28,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: both callers compare strings of one length already (a 32-digit tag after the 64-digit nonce ' +
      'check, a mac that matched PROOF_PATTERN against an HMAC in hex), so timingSafeEqual never sees two lengths.',
  },
  { file: SESSION_AUTH, line: 56, mutator: 'ConditionalExpression', why: LENGTH_TWICE },
  {
    file: 'shared/src/token-proof.ts',
    line: 50,
    mutator: 'EqualityOperator',
    why:
      'Equivalent: one step past the end both charCodeAt give NaN, and NaN ^ NaN is 0, so the difference is ' +
      'unchanged (lengths were compared first).',
  },
  // autofill field finding
  {
    file: COLLECT_ROOTS,
    line: 24,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `true` one): asking every element for a same-origin document finds the same frames, ' +
      'since only frames have a contentDocument (any other element answers undefined, and no document is ' +
      'searched); the tag test only spares that question for the rest of the page.',
  },
  {
    file: COLLECT_ROOTS,
    line: 34,
    mutator: 'Regex',
    why:
      'Equivalent (the `/\\s/` one): split on single spaces, a sandbox list with runs of spaces gives empty ' +
      'tokens beside the real ones, and allow-same-origin is found all the same.',
  },
  {
    file: COLLECT_ROOTS,
    line: 38,
    mutator: 'BlockStatement',
    why:
      'Equivalent: without the early return `doc` stays null and the next line refuses the frame just the ' +
      'same (no contentDocument, no search).',
  },
  {
    file: COLLECT_ROOTS,
    line: 42,
    mutator: 'StringLiteral',
    why:
      'Equivalent: a frame document always has a location (the fallback is for the type); were it missing, ' +
      '"Stryker was here!" is no inherited URL either, and the origin test decides.',
  },
  {
    file: COLLECT_ROOTS,
    line: 42,
    mutator: 'OptionalChaining',
    why: 'Equivalent: a frame document always has a location; the optional chain is for the type.',
  },
  {
    file: COLLECT_ROOTS,
    line: 43,
    mutator: 'ConditionalExpression',
    why:
      "Equivalent (the `url === ''` half set to false): no frame document has an empty URL (browsers give " +
      'about:blank or about:srcdoc to the ones that inherit); the test is a guard for engines that might.',
  },
  {
    file: COLLECT_ROOTS,
    line: 54,
    mutator: 'StringLiteral',
    why:
      'Equivalent: every document has a window origin or a location origin; the "null" fallback is for the ' +
      'type (an empty string would match no frame of a real origin either).',
  },
  {
    file: COLLECT_ROOTS,
    line: 54,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: a document searched here always has a window (the page, or a frame that holds one) and a ' +
      'location; the optional chains are for the type.',
  },
  {
    file: COLLECT_ROOTS,
    line: 43,
    mutator: 'StringLiteral',
    why:
      "Equivalent (the `''` one): no frame document has an empty URL, so comparing with any other text that is " +
      'no URL of a frame decides the same.',
  },
  {
    file: FIELD_TEXT,
    line: 113,
    mutator: 'StringLiteral',
    why: "Equivalent (the `?? ''` one): a text node's nodeValue is never null; the fallback is for the type.",
  },
  ...['ObjectLiteral', 'StringLiteral'].map((mutator) => ({
    file: FIELD_TEXT,
    line: 25,
    mutator,
    why:
      'Not reachable: scoreField, the only caller, returns before fieldText for an empty list of inputs; the ' +
      'guard is there for the type.',
  })),
  {
    file: FIELD_TEXT,
    line: 25,
    mutator: 'ConditionalExpression',
    why:
      'Not reachable: scoreField, the only caller, returns before fieldText for an empty list of inputs; the ' +
      'guard is there for the type.',
  },
  {
    file: FIELD_TEXT,
    line: 26,
    mutator: 'ArrayDeclaration',
    why: 'Harmless: "stryker was here" in a field\'s own text holds no keyword of any list: every score is the same.',
  },
  {
    file: FIELD_TEXT,
    line: 30,
    mutator: 'ArrayDeclaration',
    why:
      'Equivalent: `labels` is only null for inputs of type hidden, and only text, tel and number inputs get ' +
      'here (hasCodeType); the fallback is for the type.',
  },
  {
    file: FIELD_TEXT,
    line: 43,
    mutator: 'Regex',
    why:
      'Equivalent (the `/\\s/` one): split on single spaces, a list of ids with runs of spaces gives empty ' +
      'ids beside the real ones; an empty id names no element and adds no text.',
  },
  {
    file: FIELD_TEXT,
    line: 43,
    mutator: 'ArrayDeclaration',
    why:
      'Equivalent: for a field without the attribute, the id "Stryker was here" names no element (ids have ' +
      'no spaces), so it adds no text, as the empty list does.',
  },
  {
    file: FIELD_TEXT,
    line: 108,
    mutator: 'StringLiteral',
    why:
      'Harmless: textOf(null) is reached only through an aria-labelledby or aria-describedby id that names ' +
      'no element, and "stryker was here" holds no keyword of any list: the score is the same.',
  },
  {
    file: FIELD_TEXT,
    line: 112,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `true` one): the walk stops reading at 1000 characters only to save time; textOf cuts ' +
      'the text at 1000 characters after the loop anyway.',
  },
  {
    file: FIELD_TEXT,
    line: 112,
    mutator: 'EqualityOperator',
    why:
      'Equivalent (the `<=` one): one more text node read past 1000 characters is cut off by the slice after ' +
      'the loop.',
  },
  {
    file: FIELD_TEXT,
    line: 116,
    mutator: 'StringLiteral',
    why: 'Equivalent: an element’s textContent is never null (only a document’s or a doctype’s is).',
  },

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
  // autofill field finding: is-fillable and split groups
  ...['BooleanLiteral', 'ConditionalExpression'].map((mutator) => ({
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 25,
    mutator,
    why:
      'Equivalent: every document the search reaches (the page, a same-origin frame’s) has a window; ' +
      'defaultView is null only for documents a script makes (DOMParser, createHTMLDocument), which no ' +
      'search root or frame leads to. The guard is for the type.',
  })),
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 32,
    mutator: 'BooleanLiteral',
    why:
      'Equivalent (the checkVisibilityCSS one; the checkOpacity one is tested): that option only makes ' +
      'checkVisibility refuse an element whose own computed visibility is hidden or collapse, which line 36 ' +
      'refuses from the same computed style right after.',
  },
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 54,
    mutator: 'ConditionalExpression',
    why:
      'Harmless: without reading the memo each field walks and reads its ancestors’ styles again and stores ' +
      'the same values (nothing changes styles during a synchronous search): the answers are the same, only ' +
      'the search is slower.',
  },
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 57,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `true` one): under a hidden ancestor the value stays HIDDEN: HIDDEN (−1) times an ' +
      'opacity (computed opacities are clamped to 0–1) is at most 0, below MIN_OPACITY, so the next line sets ' +
      'HIDDEN again; only one style read more.',
  },
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 60,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `false` one): a product below MIN_OPACITY kept instead of HIDDEN only shrinks further ' +
      'down the tree (each opacity is at most 1), so the field’s own product is below MIN_OPACITY too and ' +
      'isFillable answers false all the same.',
  },
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 90,
    mutator: 'ConditionalExpression',
    why:
      'Harmless: without reading the memo the root box is measured once per field instead of once per ' +
      'search, with the same answer (layout is up to date after the first measure, and nothing changes it ' +
      'during a synchronous search).',
  },
  ...['ConditionalExpression', 'LogicalOperator'].map((mutator) => ({
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 101,
    mutator,
    why:
      'Equivalent: a connected element has no parent element only when it is the root element (its root ' +
      'node the Document: nodeType 9, no `host`) or a top-level element of a shadow root (nodeType 11, with ' +
      'a `host`); an unattached fragment is never reached (isFillable returns for unconnected elements first), ' +
      'so either half alone, or either one true, decides the same (`document.host` is undefined, which the ' +
      'walk takes as no parent).',
  })),
  ...['Regex', 'MethodExpression'].map((mutator) => ({
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 106,
    mutator,
    why:
      'Equivalent (the anchors dropped, and no trim; the one-character number is tested): a computed width or ' +
      'height is a plain decimal and px ("153.5px", used sizes come in 1/64 px steps) or a keyword, percentage ' +
      'or function ("auto", "50%", "calc(50% - 2px)"), serialized with no spaces around and nothing after ' +
      '"px": with or without ^, $ or trim the same values match.',
  })),
  {
    file: 'extension/lib/autofill/is-fillable.ts',
    line: 114,
    mutator: 'Regex',
    why:
      'Equivalent (the `50%\\S*\\)` one; the `\\(\\S*50%` one is tested): a serialized inset() separates its ' +
      'values with spaces, so what follows a 50% is ")" or a space, never another non-space character.',
  },
  {
    file: 'extension/lib/autofill/find-split-groups.ts',
    line: 21,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the filter runs at once inside the loop body, where the loop condition has just found ' +
      '`node` set; the `?.` is only there because TypeScript does not narrow a `let` inside a closure.',
  },
  {
    file: 'extension/lib/autofill/find-split-groups.ts',
    line: 23,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: a container found again is set to the same boxes (the boxes under it, in the same order), ' +
      'and a Map keeps its first insertion order: the groups are the same.',
  },
  {
    file: 'extension/lib/autofill/find-split-groups.ts',
    line: 45,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the types are compared only when `first` exists, that is when the group has a first ' +
      'input; the `?.` is for the type (noUncheckedIndexedAccess).',
  },
  {
    file: 'extension/lib/autofill/find-split-groups.ts',
    line: 50,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the box before is read only for index ≥ 1 (index 0 stops at `index === 0`), so it exists; ' +
      'the `?.` and `?? 0` are for the type (noUncheckedIndexedAccess).',
  },

  // autofill field finding: field text, scoring, keywords
  {
    file: FIELD_TEXT,
    line: 71,
    mutator: 'OptionalChaining',
    why:
      'Not reachable: commonAncestor is only asked about the inputs of one field or one group, never an empty ' +
      'list (fieldText returns before it for none), so inputs[0] is always there; the chain is for the type.',
  },
  {
    file: FIELD_TEXT,
    line: 72,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the callback runs synchronously inside the loop test, just after `node &&` found node set, ' +
      'so `node?.` never meets null; the chain is for the type (node is a `let` the closure captures).',
  },
  {
    file: FIELD_TEXT,
    line: 113,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the walker is rooted at an element and shows only the text nodes below it (it does not ' +
      'enter shadow roots), and the parent of each is that element or one inside it: parentElement is never null.',
  },
  {
    file: 'extension/lib/autofill/find-slot-proxy.ts',
    line: 23,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: the line before returned for an input that is not connected, and a connected input of the ' +
      'trees collect-roots.ts hands over (the page, its open shadow roots, same-origin frames) always has a ' +
      'window; the chain is for the type.',
  },
  {
    file: 'extension/lib/autofill/find-slot-proxy.ts',
    line: 44,
    mutator: 'StringLiteral',
    why:
      'Equivalent: the text only stands in for a child without a class. A class token never holds a space, so ' +
      'no child\'s first class is "Stryker was here!": classless children still share one key, apart from ' +
      'every classed one, and the counts are the same.',
  },
  {
    file: 'extension/lib/autofill/match-keywords.ts',
    line: 9,
    mutator: 'Regex',
    why:
      'Equivalent (the one without `+`): each separator of a run becomes a space of its own instead of one ' +
      'space for the run, and the next replace collapses every run of whitespace to one space.',
  },
  {
    file: 'extension/lib/autofill/match-keywords.ts',
    line: 21,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `true` one): the regex is built again on every call instead of once per list; built ' +
      'from the same list it is the same regex, and without the g flag it keeps no lastIndex between tests.',
  },
  ...['ConditionalExpression', 'StringLiteral'].map((mutator) => ({
    file: 'extension/lib/autofill/match-keywords.ts',
    line: 39,
    mutator,
    why:
      "Equivalent: the empty-text test only spares a regex run. No entry of any language's lists matches the " +
      "empty string (checked over all of them), so testing '' answers false as well; and the text is " +
      'normalized, lower case, so it is never "Stryker was here!".',
  })),
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 56,
    mutator: 'Regex',
    why:
      'Equivalent (either anchor dropped): input.type is always one of the HTML input types (an unknown type ' +
      'reads "text"), and no type but text, tel and number begins or ends with one of those words.',
  },
  {
    file: 'extension/lib/autofill/find-otp-fields.ts',
    line: 58,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `score !== null` half set to true): a null score compares as 0, and the best score starts ' +
      'at 0, so a field scoreField refused never wins either way; the test is for the type.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 13,
    mutator: 'ConditionalExpression',
    why:
      'Not reachable: findOtpFields scores groups of 4–10 boxes and single inputs ([input]), never an empty ' +
      'list; the guard narrows inputs[0] for the type.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 17,
    mutator: 'StringLiteral',
    why:
      'Equivalent: without an autocomplete attribute the tokens become "stryker", "was" and "here!" instead ' +
      'of "": none is one-time-code or a whole field name of DENY_AUTOCOMPLETE (anchored at both ends), as "" is not.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 17,
    mutator: 'Regex',
    why:
      'Equivalent (the `/\\s/` one): split on single spaces, an autocomplete value with runs of whitespace ' +
      'gives empty tokens beside the real ones; an empty token is neither one-time-code nor a denied field name.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 46,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `codeLength !== undefined` half set to true): without a length the last comparison is ' +
      '`maxLength < undefined`, false for every number, so the field is not refused either way.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 47,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent (the `codeLength !== undefined` half set to true): without a length the comparison is ' +
      '`maxLength === undefined`, false for every number, so no points are added either way.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 61,
    mutator: 'StringLiteral',
    why:
      "Equivalent: the attribute is only read when inputMode is '': no attribute, or a value that is none of " +
      'its keywords (the HTML standard reflects inputmode limited to known values, in every Chromium an MV3 ' +
      'extension runs in; happy-dom hands back the attribute itself). Such a value is not "numeric" or ' +
      '"decimal" as written either, so reading another attribute, or "Stryker was here!" for a missing one, ' +
      'gives no hint all the same.',
  },
  {
    file: 'extension/lib/autofill/score-field.ts',
    line: 64,
    mutator: 'StringLiteral',
    why:
      'Equivalent: the fallback for a field without a pattern; "Stryker was here!" holds no \\d and no [0-9], ' +
      "as '' does not, so there is no hint either way.",
  },

  // autofill injection
  {
    file: 'extension/lib/content-bridge.ts',
    line: 99,
    mutator: 'ArrayDeclaration',
    why: PROBE_NOT_A_LANGUAGE,
  },
  ...(['OptionalChaining', 'ConditionalExpression', 'ArrayDeclaration'] as const).map((mutator) => ({
    file: 'extension/lib/content-bridge.ts',
    line: 102,
    mutator,
    why:
      mutator === 'ArrayDeclaration'
        ? PROBE_NOT_A_LANGUAGE
        : 'Equivalent: a probe that answers no frame, or no list, makes the next step throw (no result to read, ' +
          'no filter to call), and the catch around it leaves the page with English alone, as the test does.',
  })),

  // autofill fill
  ...[18, 69].map((line) => ({
    file: line === 18 ? FILL_INPUT : FILL_SPLIT,
    line,
    mutator: 'ArrowFunction',
    why: 'Equivalent: the default `stop` answering undefined instead of false stops nothing either; both are falsy.',
  })),
  {
    file: FILL_SPLIT,
    line: 39,
    mutator: 'ArrowFunction',
    why:
      'Equivalent in what the page gets: searching again on every call, even while the boxes are all connected, ' +
      'finds those same boxes (they are the best target, or the fill would not be here); the test only saves ' +
      'a search per call. (Its `some` mutant, a partial re-render missed, is killed.)',
  },
  {
    file: FILL_SPLIT,
    line: 91,
    mutator: 'StringLiteral',
    why:
      'Equivalent: the loop runs while index < chars.length, so chars[index] always exists; the fallback is for the ' +
      "type checker's noUncheckedIndexedAccess.",
  },
  ...(['ConditionalExpression', 'StringLiteral'] as const).map((mutator) => ({
    file: FILL_INPUT,
    line: 44,
    mutator,
    why:
      "Equivalent: a code is 4–10 letters and digits (FoundCodeSchema, the issuer's alphabet), and every letter " +
      "sorts after '9', so the lower bound of the digit test (char >= '0') decides nothing; the upper bound " +
      '(tested with letters) does.',
  })),
  {
    file: FILL_INPUT,
    line: 52,
    mutator: 'OptionalChaining',
    why: 'Equivalent: eraseField takes an HTMLInputElement, which always has select().',
  },
  {
    file: FILL_INPUT,
    line: 79,
    mutator: 'OptionalChaining',
    why:
      'Equivalent: activeElement is only null for a document without a root element, and the field we focus is in ' +
      'its document, so there is always one (the body at least).',
  },
  {
    file: FILL_INPUT,
    line: 97,
    mutator: 'OptionalChaining',
    why:
      "Equivalent: HTMLInputElement.prototype always has the value accessor, with a setter, in every window's own " +
      'prototype; the chain only satisfies the type of getOwnPropertyDescriptor.',
  },
  {
    file: FILL_SPLIT,
    line: 84,
    mutator: 'ConditionalExpression',
    why:
      'Equivalent: settling before the first pass as well only waits longer, where the page has just settled after ' +
      'the erase (the settle before the loop); nothing is typed differently.',
  },
  {
    file: FILL_SPLIT,
    line: 108,
    mutator: 'BooleanLiteral',
    why:
      'Harmless: a synthetic paste has no default action, and nothing reads whether the page cancelled it (we judge ' +
      'by what the boxes hold afterwards), so a paste that cannot be cancelled does the same.',
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
  ...(['ConditionalExpression', 'EqualityOperator'] as const).map((mutator) => ({
    file: 'relay/src/verifications/abuse-limits.ts',
    line: 116,
    mutator,
    why:
      'Equivalent: on an empty window sends[0] is undefined and `undefined <= windowStart` is false, so the ' +
      'loop stops just the same; the length test says it plainly. (Once reported as a timeout, under load.)',
  })),
];
