/**
 * What every component page exposes to the test: the component's own value, as its onChange / v-model hands
 * it to the page (never read back from the DOM), and how many times it changed.
 */
export interface ComponentState {
  value: string;
  changes: number;
}

declare global {
  interface Window {
    componentState: ComponentState;
  }
}

export function initState(): void {
  window.componentState = { value: '', changes: 0 };
}

export function report(value: string): void {
  window.componentState.value = value;
  window.componentState.changes++;
}

/**
 * `?mutate=1`: the page also churns its own DOM without end (a clock, a list re-rendered every 10 ms: what busy
 * SPAs do), to show that a watching auto-fill stays cheap there and does not loop.
 */
export function mutateIfAsked(): void {
  if (!new URLSearchParams(location.search).has('mutate')) return;
  const ticker = document.createElement('div');
  ticker.id = 'ticker';
  document.body.append(ticker);
  let n = 0;
  setInterval(() => {
    n++;
    ticker.className = `tick-${n % 7}`;
    ticker.replaceChildren(
      ...Array.from({ length: 20 }, (_, i) =>
        Object.assign(document.createElement('span'), { textContent: `${n + i}` }),
      ),
    );
  }, 10);
}
