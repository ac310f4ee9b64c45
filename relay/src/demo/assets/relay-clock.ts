/** The relay's clock as a page sees it: `now()` in the relay's ms, whatever the browser's own clock says. */
export interface RelayClock {
  /** Feeds one reading of the relay's clock (`serverNow` of an API answer). */
  observe(serverNow: number): void;
  now(): number;
}

/**
 * Every API answer carries `serverNow`; between answers we extrapolate at the pace the relay clock was seen to
 * run: 1 for a real clock, 0 for a test clock, which stands still until a tester moves it (counting down locally
 * would make the timer tick, then jump back at the next poll). The browser's clock only measures time elapsed
 * since a reading, never the time itself: a browser minutes off the relay still shows the relay's countdown.
 */
export function createRelayClock(localNow: () => number = () => Date.now()): RelayClock {
  let sample: { server: number; local: number } | null = null;
  let rate = 1;
  return {
    observe(serverNow) {
      const local = localNow();
      if (sample && local - sample.local >= 500) {
        const ran = serverNow - sample.server;
        const elapsed = local - sample.local;
        rate = Math.abs(ran - elapsed) <= Math.max(250, elapsed / 4) ? 1 : 0;
      }
      sample = { server: serverNow, local };
    },
    now() {
      return sample ? sample.server + rate * (localNow() - sample.local) : localNow();
    },
  };
}

/** 27 → "0:27", 600 → "10:00", 5400 → "1:30:00". */
export function formatClock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
