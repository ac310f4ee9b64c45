/**
 * Re-reads the flow about once a second while the tab is visible, so a test clock that jumps ahead shows up as
 * "expired" right away; a hidden tab does not poll (it refreshes when it comes back).
 */
export function createPoller(refresh: () => void, intervalMs = 1000) {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    start() {
      stop();
      timer = setInterval(() => {
        if (!document.hidden) refresh();
      }, intervalMs);
    },
    stop,
  };
}
