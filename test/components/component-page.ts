import type { Page } from 'puppeteer-core';

/** One component under test: its page name (pages/<name>.ts[x]) and where a person clicks to start typing. */
export interface Component {
  name: string;
  /** The first box a person clicks (a slot <div> where the boxes are not inputs). */
  firstBox: string;
}

export interface ComponentState {
  value: string;
  changes: number;
}

/** The component's own value (its onChange / v-model, exposed by the page), never the DOM's. */
export function componentState(page: Page): Promise<ComponentState> {
  return page.evaluate(() => ({ ...(window as unknown as { componentState: ComponentState }).componentState }));
}

export async function waitForState(page: Page, value: string, timeout = 10_000): Promise<void> {
  await page
    .waitForFunction(
      (v: string) => (window as unknown as { componentState?: ComponentState }).componentState?.value === v,
      { timeout },
      value,
    )
    .catch(async (error: unknown) => {
      const state = await componentState(page).catch(() => null);
      throw new Error(`component state never became ${value} (now ${JSON.stringify(state)}): ${error}`);
    });
}

/**
 * Where the keyboard focus is after a fill, as a person would check it: `last-box` when it is the last of the
 * component's visible boxes, `code-input` when the component has one real input (visible or behind slots) and
 * it is focused, `elsewhere` otherwise.
 */
export function focusPlace(page: Page): Promise<'last-box' | 'code-input' | 'elsewhere'> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const root = document.getElementById('component');
    if (!root || !active || active.localName !== 'input' || !root.contains(active)) return 'elsewhere';
    const boxes = [...root.querySelectorAll('input')].filter((input) => {
      const rect = input.getBoundingClientRect();
      return input.type !== 'hidden' && rect.width > 4 && rect.height > 4 && input.tabIndex >= -1 && !input.ariaHidden;
    });
    if (boxes.length > 1) return boxes[boxes.length - 1] === active ? 'last-box' : 'elsewhere';
    return 'code-input';
  });
}

/** Clicks the last of the component's visible boxes, when it has several (a person fixing the last digit). */
export async function clickLastBox(page: Page): Promise<void> {
  const boxes = await page.$$('#component input');
  const visible = [];
  for (const box of boxes) {
    const shown = await box.evaluate((input) => {
      const rect = input.getBoundingClientRect();
      return (
        (input as HTMLInputElement).type !== 'hidden' && rect.width > 4 && input.getAttribute('aria-hidden') !== 'true'
      );
    });
    if (shown) visible.push(box);
  }
  if (visible.length > 1) await visible[visible.length - 1]?.click();
}

/** Records main-thread long tasks from the page's first script on (PerformanceObserver 'longtask'). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The long tasks that started after `since` (performance.now() of the page). */
export function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (t: number) =>
      (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
        .filter((task) => task.start >= t)
        .map((task) => task.duration),
    since,
  );
}
