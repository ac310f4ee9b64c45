/** Nearest-rank percentile of `values` (0–100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p99: percentile(values, 99),
    max: values.length === 0 ? Number.NaN : Math.max(...values),
  };
}

/** The middle value (the mean of the two middle ones for an even count): for a handful of runs. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** 3 significant digits, no exponent: 0.0123, 1.23, 12.3, 1234. */
export function num(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(digits)).toString();
}

export const ms = (value: number): string => `${num(value)} ms`;

export function bytes(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) < 1024) return `${Math.round(value)} B`;
  if (Math.abs(value) < 1024 ** 2) return `${num(value / 1024)} KiB`;
  if (Math.abs(value) < 1024 ** 3) return `${num(value / 1024 ** 2)} MiB`;
  return `${num(value / 1024 ** 3)} GiB`;
}

/** "0.82× bare node:http": a figure divided by a baseline taken in the same run. */
export const ratio = (value: number, baseline: number, label: string): string =>
  `${num(value / baseline, 2)}× ${label}`;

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));
