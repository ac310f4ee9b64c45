/**
 * Yields to the page between keystrokes, the way the gap between a person's keys does: React (18+) commits a
 * discrete event's state in a microtask, Vue patches in nextTick, zag-js machines and antd move focus in a
 * later task; a handler that reads state captured at the last render (react-otp-input's `activeInput`) is only
 * right once that render happened. A MessageChannel task, not setTimeout: hidden tabs (auto-fill fills a tab in
 * the background) clamp timers to one a second, and React's own scheduler posts its work the same way, ahead
 * of ours.
 */
export function nextTask(view: Window): Promise<void> {
  return new Promise((resolve) => {
    // happy-dom's window has none: Node's own then (unit tests).
    const channel = new ((view as Window & typeof globalThis).MessageChannel ?? MessageChannel)();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Lets the page finish reacting to a fill before we read what it now holds: a few tasks (re-renders, focus
 * moves scheduled with setTimeout 0) and at most SETTLE_MS of timers (debounced handlers), whichever is later.
 */
export async function settle(view: Window): Promise<void> {
  for (let i = 0; i < SETTLE_TASKS; i++) await nextTask(view);
  await new Promise((resolve) => view.setTimeout(resolve, SETTLE_MS));
  await nextTask(view);
}

const SETTLE_TASKS = 3;
const SETTLE_MS = 30;
