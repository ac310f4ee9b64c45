/** One line of the results table. */
export interface Row {
  metric: string;
  value: string;
  /** The target, as written there ("< 10 ms", "≥ 0.7"). */
  target?: string;
  /** Whether the value meets the target; absent when there is none. */
  met?: boolean;
  /** The same figure as a ratio to a baseline measured in the same run (absolute times drift on a shared box). */
  ratio?: string;
}

/** What one benchmark module hands back to bench/run.ts. */
export interface Figure {
  id: number;
  title: string;
  rows: Row[];
  /** How it was measured, in a sentence or two each. */
  method: string[];
  /** What the numbers show: what dominates, what should change. */
  findings: string[];
}

export interface BenchOptions {
  /** Small counts: a smoke run that proves every figure works. */
  quick: boolean;
  log: (line: string) => void;
}

export type FigureRunner = (options: BenchOptions) => Promise<Figure>;
