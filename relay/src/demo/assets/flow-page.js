import { codeField, markInvalid } from './code-fields.js';
import { createDemoApi } from './demo-api.js';
import { createRelayClock, formatClock } from './relay-clock.js';

/**
 * Drives a demo flow page: destination step → code step → done. All state comes from the demo API; the
 * countdowns run against the relay's clock (the API sends `serverNow`, we follow its pace), and the page
 * polls about once a second so a test clock that jumps ahead shows up as "expired" right away.
 */
const root = document.querySelector('.flow');
if (root) run(root);

const NOTICE_STATES = new Set(['idle', 'sent', 'success']);
const TERMINAL_STATES = new Set(['success', 'expired', 'locked', 'error']);

function run(root) {
  const call = createDemoApi(root.dataset.api);
  const relayClock = createRelayClock();
  const kind = root.dataset.flow;
  const el = (selector) => root.querySelector(selector);
  const status = el('#status');
  const destinationStep = el('#destination-step');
  const codeStep = el('#code-step');
  const doneStep = el('#done-step');
  const destinationInput = el('#destination-input');
  const sendButton = el('#send-code');
  const verifyButton = el('#verify');
  const resendButton = el('#resend');
  const resendCountdown = el('#resend-countdown');
  const expiresIn = el('#expires-in');
  const fieldErrors = { to: el('#destination-error'), password: el('#password-error'), code: el('#code-error') };
  const fieldInputs = { to: destinationInput, password: el('#password-input') };
  const code = codeField(codeStep, () => {
    verifyButton.disabled = busy || !code.complete();
    showFieldError('code', '');
  });

  let view = null;
  let busy = false;
  /** Server-clock ms before which a 429 told us not to resend. */
  let cooldownUntil = 0;
  /** Bumped by every action, so a poll answered after it cannot overwrite its newer result. */
  let generation = 0;
  let pollTimer = 0;
  let refreshing = false;
  /** The last poll could not reach the relay: the next good answer replaces the "can't reach" line. */
  let unreachable = false;

  const serverNow = () => relayClock.now();

  for (const radio of root.querySelectorAll('input[name="channel"][type="radio"]')) {
    radio.addEventListener('change', () => switchChannel(radio.value));
  }

  destinationStep.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearFieldErrors();
    const data = new FormData(destinationStep);
    const body = { flow: kind, channel: data.get('channel'), to: data.get('to') };
    if (kind === 'login') body.password = data.get('password');
    if (kind === 'confirm') body.action = data.get('action');
    generation += 1;
    const answer = await withBusy(sendButton, 'Sending…', () => call('POST', '/flows', body));
    if (!answer.ok) return showProblem(answer.data);
    cooldownUntil = 0;
    apply(answer.data);
    setStatus(answer.data.state, answer.data.message);
    destinationStep.hidden = true;
    codeStep.hidden = false;
    code.clear();
    code.focus();
    startPolling();
  });

  codeStep.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy || !view) return;
    if (!code.complete()) {
      showFieldError('code', `Enter the ${view.codeLength}-digit code.`);
      return;
    }
    generation += 1;
    const answer = await withBusy(verifyButton, 'Verifying…', () =>
      call('POST', `/flows/${view.id}/verify`, { code: code.value() }),
    );
    if (!answer.ok) return showProblem(answer.data);
    apply(answer.data);
    setStatus(answer.data.state, answer.data.message);
    if (answer.data.state === 'wrong') {
      // Like most real sites: clear the wrong code so the next one is typed fresh.
      code.clear();
      code.focus();
    }
  });

  resendButton.addEventListener('click', async () => {
    if (busy || !view || resendButton.disabled) return;
    generation += 1;
    const answer = await withBusy(resendButton, null, () => call('POST', `/flows/${view.id}/resend`));
    if (!answer.ok) {
      if (answer.data.code === 'resend_cooldown') cooldownUntil = serverNow() + answer.data.retryAfterSeconds * 1000;
      return showProblem(answer.data);
    }
    cooldownUntil = 0;
    apply(answer.data);
    setStatus(answer.data.state, answer.data.message);
    code.clear();
    code.focus();
  });

  el('#edit-destination').addEventListener('click', (event) => {
    event.preventDefault();
    // The code sent to the old destination must die with it.
    if (view) call('POST', `/flows/${view.id}/cancel`);
    generation += 1;
    view = null;
    stopPolling();
    codeStep.hidden = true;
    destinationStep.hidden = false;
    setStatus('idle', '');
    destinationInput.focus();
    destinationInput.select();
  });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) refresh();
  });
  window.addEventListener('focus', () => refresh());
  setInterval(tick, 250);

  function apply(next) {
    view = next;
    relayClock.observe(next.serverNow);
    el('#masked-destination').textContent = next.maskedDestination;
    el('#sent-channel').textContent = next.channel === 'sms' ? 'SMS' : 'email';
    code.setLength(next.codeLength);
    if (kind === 'confirm') {
      verifyButton.textContent = next.action === 'settings' ? 'Confirm change' : 'Confirm payout';
      el('#action-summary').textContent = el(`#action-${next.action}`)?.dataset.summary ?? '';
    }
    if (next.status === 'approved') finish(next.message);
    tick();
  }

  function finish(message) {
    stopPolling();
    if (!doneStep.hidden) return;
    el('#done-heading').textContent = message;
    codeStep.hidden = true;
    doneStep.hidden = false;
    el('#done-heading').focus();
  }

  /** Re-reads the flow; only a change to a final state replaces what the status line says. */
  async function refresh() {
    if (!view || view.status === 'approved' || refreshing) return;
    refreshing = true;
    const asked = generation;
    const answer = await call('GET', `/flows/${view.id}`);
    refreshing = false;
    if (asked !== generation || !view) return;
    if (!answer.ok) {
      unreachable = answer.status === 0;
      if (answer.status === 404) stopPolling();
      if (status.dataset.message !== answer.data.message) {
        setStatus(answer.data.state, answer.data.message, answer.data.code);
      }
      return;
    }
    apply(answer.data);
    const recovered = unreachable;
    unreachable = false;
    if (recovered || (TERMINAL_STATES.has(answer.data.state) && status.dataset.state !== answer.data.state)) {
      setStatus(answer.data.state, answer.data.message);
    }
  }

  function startPolling() {
    stopPolling();
    pollTimer = setInterval(() => {
      if (!document.hidden) refresh();
    }, 1000);
  }

  function stopPolling() {
    clearInterval(pollTimer);
  }

  function tick() {
    if (!view) return;
    const now = serverNow();
    const left = Math.max(0, Math.ceil((view.expiresAt - now) / 1000));
    const alive = view.status === 'pending' && left > 0;
    expiresIn.textContent = alive ? `Code expires in ${formatClock(left)}` : 'Code expired';
    expiresIn.dataset.seconds = String(alive ? left : 0);
    expiresIn.dataset.expired = String(!alive);
    // The code just ran out on the relay's clock: ask now rather than at the next poll.
    if (!alive && view.status === 'pending') refresh();

    const wait = Math.max(0, Math.ceil((Math.max(view.resendAvailableAt, cooldownUntil) - now) / 1000));
    resendCountdown.textContent = wait > 0 ? `Resend code in ${formatClock(wait)}` : 'Resend code';
    resendCountdown.dataset.seconds = String(wait);
    resendButton.disabled = busy || wait > 0;
  }

  /** `code` is the API's stable error code (data-code), for tests that tell refusals apart. */
  function setStatus(state, message, code) {
    if (code) status.dataset.code = code;
    else delete status.dataset.code;
    const urgent = !NOTICE_STATES.has(state);
    status.setAttribute('role', urgent ? 'alert' : 'status');
    status.setAttribute('aria-live', urgent ? 'assertive' : 'polite');
    status.dataset.state = state;
    status.dataset.message = message;
    status.textContent = message;
  }

  /** A problem+json from the demo API: field errors go under their fields, the rest into the status line. */
  function showProblem(problem) {
    let placed = false;
    for (const error of problem.errors ?? []) {
      if (error.field in fieldErrors && fieldErrors[error.field]) {
        showFieldError(error.field, sentence(error.field, error.message));
        placed = true;
      }
    }
    setStatus(
      problem.state ?? 'error',
      problem.message ?? problem.detail ?? 'Something went wrong. Try again.',
      problem.code,
    );
    if (placed) (fieldInputs[problem.errors.find((e) => fieldInputs[e.field])?.field] ?? null)?.focus();
  }

  function showFieldError(field, message) {
    const target = fieldErrors[field];
    if (!target) return;
    target.textContent = message;
    if (field === 'code') code.setInvalid(message !== '');
    else if (fieldInputs[field]) markInvalid(fieldInputs[field], message !== '');
  }

  function clearFieldErrors() {
    for (const field of Object.keys(fieldErrors)) showFieldError(field, '');
  }

  /** "must be a valid email address" reads better as "Email address must be a valid email address." */
  function sentence(field, message) {
    const label = field === 'to' ? el('label[for="destination-input"]')?.textContent : '';
    const text = /^[a-z]/.test(message) && label ? `${label} ${message}` : message;
    return /[.!?]$/.test(text) ? text : `${text}.`;
  }

  function switchChannel(channel) {
    const sms = channel === 'sms';
    el('#destination-label').textContent = sms ? 'Phone number' : 'Email address';
    destinationInput.type = sms ? 'tel' : 'email';
    destinationInput.autocomplete = sms ? 'tel' : 'email';
    destinationInput.placeholder = sms ? '+1 415 555 0123' : 'you@example.com';
    destinationInput.value = '';
    el('#destination-hint').textContent = sms
      ? 'Include the country code, e.g. +1 for the US or +44 for the UK.'
      : "We'll send a 6-digit code to this address.";
    showFieldError('to', '');
  }

  async function withBusy(button, label, work) {
    busy = true;
    const before = button.textContent;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    if (label) button.textContent = label;
    try {
      return await work();
    } finally {
      busy = false;
      if (label) button.textContent = before;
      button.removeAttribute('aria-busy');
      button.disabled = false;
      verifyButton.disabled = !code.complete();
      tick();
    }
  }
}
