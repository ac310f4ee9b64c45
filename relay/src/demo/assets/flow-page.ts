import type { FlowView } from '../flow-view.ts';
import { createBusy } from './busy-button.ts';
import { wireChannelSwitch } from './channel-switch.ts';
import { codeField } from './code-fields.ts';
import { createCountdown } from './countdown.ts';
import { createDemoApi, type PageProblem } from './demo-api.ts';
import { createFieldErrors } from './field-errors.ts';
import { flowElements } from './flow-elements.ts';
import { createPoller } from './flow-poller.ts';
import { renderCodeStep, renderDone } from './flow-render.ts';
import { createRelayClock } from './relay-clock.ts';
import { createStatusLine, type StatusState } from './status-line.ts';

/**
 * Drives a demo flow page: destination step → code step → done. All state comes from the demo API; the
 * countdowns run on the relay's clock (each answer's `serverNow`), never on the browser's.
 */
const TERMINAL_STATES: ReadonlySet<string> = new Set(['success', 'expired', 'locked', 'error']);

const root = document.querySelector<HTMLElement>('.flow');
if (root) startFlowPage(root);

export function startFlowPage(root: HTMLElement): void {
  const call = createDemoApi(root.dataset.api ?? '');
  const kind = root.dataset.flow;
  const el = flowElements(root);
  const relayClock = createRelayClock();
  const countdown = createCountdown(relayClock, el);
  const status = createStatusLine(el.status);
  const busy = createBusy(() => {
    el.verifyButton.disabled = !code.complete();
    tick();
  });
  const code = codeField(el.codeStep, () => {
    el.verifyButton.disabled = busy.active || !code.complete();
    fields.show('code', '');
  });
  const fields = createFieldErrors(root, code);
  const poller = createPoller(() => void refresh());

  let view: FlowView | null = null;
  /** Relay-clock ms before which a 429 told us not to resend. */
  let cooldownUntil = 0;
  /** Bumped by every action, so a poll answered after it cannot overwrite its newer result. */
  let generation = 0;
  let refreshing = false;
  /** The last poll could not reach the relay: the next good answer replaces the "can't reach" line. */
  let unreachable = false;

  wireChannelSwitch(root, () => fields.show('to', ''));

  el.destinationStep.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy.active) return;
    fields.clear();
    const data = new FormData(el.destinationStep);
    const body: Record<string, FormDataEntryValue | null | undefined> = {
      flow: kind,
      channel: data.get('channel'),
      to: data.get('to'),
    };
    if (kind === 'login') body.password = data.get('password');
    if (kind === 'confirm') body.action = data.get('action');
    generation += 1;
    const answer = await busy.run(el.sendButton, 'Sending…', () => call<FlowView>('POST', '/flows', body));
    if (!answer.ok) return showProblem(answer.data);
    cooldownUntil = 0;
    apply(answer.data);
    status.set(answer.data.state, answer.data.message);
    el.destinationStep.hidden = true;
    el.codeStep.hidden = false;
    code.clear();
    code.focus();
    poller.start();
  });

  el.codeStep.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy.active || !view) return;
    if (!code.complete()) {
      fields.show('code', `Enter the ${view.codeLength}-digit code.`);
      return;
    }
    const id = view.id;
    generation += 1;
    const answer = await busy.run(el.verifyButton, 'Verifying…', () =>
      call<FlowView>('POST', `/flows/${id}/verify`, { code: code.value() }),
    );
    if (!answer.ok) return showProblem(answer.data);
    apply(answer.data);
    status.set(answer.data.state, answer.data.message);
    if (answer.data.state === 'wrong') {
      // Like most real sites: clear the wrong code so the next one is typed fresh.
      code.clear();
      code.focus();
    }
  });

  el.resendButton.addEventListener('click', async () => {
    if (busy.active || !view || el.resendButton.disabled) return;
    const id = view.id;
    generation += 1;
    const answer = await busy.run(el.resendButton, null, () => call<FlowView>('POST', `/flows/${id}/resend`));
    if (!answer.ok) {
      const wait = answer.data.retryAfterSeconds;
      if (answer.data.code === 'resend_cooldown' && wait !== undefined) cooldownUntil = relayClock.now() + wait * 1000;
      return showProblem(answer.data);
    }
    cooldownUntil = 0;
    apply(answer.data);
    status.set(answer.data.state, answer.data.message);
    code.clear();
    code.focus();
  });

  el.editDestination.addEventListener('click', (event) => {
    event.preventDefault();
    // The code sent to the old destination must die with it.
    if (view) void call('POST', `/flows/${view.id}/cancel`);
    generation += 1;
    view = null;
    poller.stop();
    el.codeStep.hidden = true;
    el.destinationStep.hidden = false;
    status.set('idle', '');
    el.destinationInput.focus();
    el.destinationInput.select();
  });

  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) void refresh();
  });
  window.addEventListener('focus', () => void refresh());
  setInterval(tick, 250);

  function apply(next: FlowView): void {
    view = next;
    relayClock.observe(next.serverNow);
    renderCodeStep(root, el, next);
    code.setLength(next.codeLength);
    if (next.status === 'approved') {
      poller.stop();
      renderDone(el, next.message);
    }
    tick();
  }

  /** Re-reads the flow; only a change to a final state replaces what the status line says. */
  async function refresh(): Promise<void> {
    if (!view || view.status === 'approved' || refreshing) return;
    refreshing = true;
    const asked = generation;
    const answer = await call<FlowView>('GET', `/flows/${view.id}`);
    refreshing = false;
    if (asked !== generation || !view) return;
    if (!answer.ok) {
      unreachable = answer.status === 0;
      if (answer.status === 404) poller.stop();
      if (status.message !== answer.data.message) showStatusOf(answer.data);
      return;
    }
    apply(answer.data);
    const recovered = unreachable;
    unreachable = false;
    if (recovered || (TERMINAL_STATES.has(answer.data.state) && status.state !== answer.data.state)) {
      status.set(answer.data.state, answer.data.message);
    }
  }

  function tick(): void {
    if (!view) return;
    const shown = countdown.show(view, cooldownUntil, busy.active);
    // The code just ran out on the relay's clock: ask now rather than at the next poll.
    if (shown.justExpired) void refresh();
  }

  /** A problem+json from the demo API: field errors go under their fields, the rest into the status line. */
  function showProblem(problem: PageProblem): void {
    fields.place(problem);
    showStatusOf(problem);
  }

  function showStatusOf(problem: PageProblem): void {
    const state: StatusState = problem.state ?? 'error';
    status.set(state, problem.message ?? problem.detail ?? 'Something went wrong. Try again.', problem.code);
  }
}
