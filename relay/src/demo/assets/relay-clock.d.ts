/** Types for the browser module beside it (plain JS, served as is to the demo pages). */
export interface RelayClock {
  observe(serverNow: number): void;
  now(): number;
}
export function createRelayClock(localNow?: () => number): RelayClock;
export function formatClock(seconds: number): string;
