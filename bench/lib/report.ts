import type { Figure, Row } from './figure.ts';
import type { Machine } from './machine.ts';

const verdict = (row: Row): string => (row.met === undefined ? '' : row.met ? 'met' : 'MISSED');

const cells = (figure: Figure, row: Row, index: number): string[] => [
  index === 0 ? String(figure.id) : '',
  row.metric,
  row.value,
  row.target ?? '',
  verdict(row),
  row.ratio ?? '',
];

const HEADER = ['#', 'figure', 'value', 'target', '', 'ratio measured in the same run'];

/** A fixed-width table for the terminal. */
export function textTable(figures: Figure[]): string {
  const lines = [HEADER, ...figures.flatMap((figure) => figure.rows.map((row, i) => cells(figure, row, i)))];
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)));
  const render = (line: string[]) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    render(lines[0] as string[]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...lines.slice(1).map(render),
  ].join('\n');
}

const escapePipes = (cell: string) => cell.replaceAll('|', '\\|');

export function markdown(
  figures: Figure[],
  machine: Machine,
  extra: { loadAfter: string; elapsedS: number; quick: boolean },
): string {
  const table = [
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => '---').join('|')}|`,
    ...figures.flatMap((figure) =>
      figure.rows.map((row, i) => `| ${cells(figure, row, i).map(escapePipes).join(' | ')} |`),
    ),
  ].join('\n');
  const sections = figures.map((figure) =>
    [
      `### ${figure.id}. ${figure.title}`,
      '',
      ...figure.method.map((line) => `- ${line}`),
      ...(figure.findings.length > 0 ? ['', '**Findings**', '', ...figure.findings.map((line) => `- ${line}`)] : []),
    ].join('\n'),
  );
  return `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); edit the bench modules, not this file. The suite is not part of
\`npm test\` and asserts nothing: it measures the targets of issue 5 and says which are met.
${extra.quick ? '\n> **Smoke run (`--quick`): small counts, not the real figures.**\n' : ''}
## Machine

| | |
|---|---|
| CPU | ${machine.cpu} |
| cores | ${machine.cores} |
| RAM | ${machine.ramGiB} GiB |
| Node | ${machine.node} (${machine.platform}) |
| date | ${machine.date} |
| code measured | ${machine.code} |
| load average (1/5/15 min) at start → end | ${machine.loadAverage} → ${extra.loadAfter} |
| suite wall time | ${Math.round(extra.elapsedS)} s |

These figures were taken on a **shared 2-core machine** while other engineers were building and testing on it
(see the load average: anything above 2 means runnable work was queuing for the two cores). Absolute times
drift from run to run there; the ratio column compares each figure with a baseline measured in the same run,
in the same conditions, and is the number to compare between runs.

## Results

${table}

## How each figure is measured, and what it shows

${sections.join('\n\n')}

## Running it

- \`npm run bench\`: builds the extension, runs every figure (bounded: a few minutes at most), prints the table
  and rewrites this file.
- \`npx tsx bench/run.ts --quick\`: small counts, to check that every figure still works.
- \`npx tsx bench/run.ts --only=1,4\`: some figures only (this file then lists only those).
- \`BENCH_CPU_PROF=/tmp/prof npx tsx bench/run.ts --only=1\`: also writes a V8 CPU profile of each server
  process, the way the "what dominates" notes above were found.
- Everything listens on 127.0.0.1 only; Chromium figures need Chromium (\`node scripts/ensure-chromium.mjs\`).
`;
}
