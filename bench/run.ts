import { writeFileSync } from 'node:fs';
import { autofillComponents } from './autofill-components.ts';
import { deliveryLatency } from './delivery-latency.ts';
import { endToEnd } from './end-to-end.ts';
import { extensionCost } from './extension-cost.ts';
import { extensionSize } from './extension-size.ts';
import { intake } from './intake.ts';
import { issuerThroughput } from './issuer-throughput.ts';
import type { Figure, FigureRunner } from './lib/figure.ts';
import { currentLoad, describeMachine } from './lib/machine.ts';
import { markdown, textTable } from './lib/report.ts';
import { longPoll } from './long-poll.ts';
import { memory } from './memory.ts';
import { smtpIngest } from './smtp-ingest.ts';
import { twilioThroughput } from './twilio-throughput.ts';

/**
 * The benchmark suite of issue 5: runs each figure in turn, prints the table and writes docs/benchmarks.md.
 *   --quick      small counts (a smoke run)
 *   --only=1,4   some figures only
 */
const FIGURES: Array<[number, string, FigureRunner]> = [
  [1, 'Issuer throughput', issuerThroughput],
  [2, 'Delivery latency', deliveryLatency],
  [3, 'End to end in Chromium', endToEnd],
  [4, 'Memory and mass expiry', memory],
  [5, 'Extension cost', extensionCost],
  [6, 'Long-poll waiters', longPoll],
  [7, 'Extension size', extensionSize],
  [8, 'Intake extraction', intake],
  [9, 'Autofill on real components', autofillComponents],
  [10, 'Twilio Verify throughput', twilioThroughput],
  [11, 'SMTP ingest and SMTP → field', smtpIngest],
];

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .map(Number);

const machine = describeMachine();
const started = performance.now();
const figures: Figure[] = [];
console.log(
  `otp-relay benchmarks${quick ? ' (quick)' : ''}: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}`,
);
for (const [id, title, run] of FIGURES) {
  if (only && !only.includes(id)) continue;
  console.log(`\n[${id}] ${title}`);
  const figureStarted = performance.now();
  try {
    figures.push(
      await run({ quick, log: (line) => console.log(line) }).catch(async (error: unknown) => {
        // Once more after a pause: on a shared box another engineer's build can replace extension/.output
        // under a running browser.
        console.error(`  failed (${String((error as Error)?.message ?? error).split('\n')[0]}); retrying once`);
        await new Promise((resolve) => setTimeout(resolve, 5000));
        return run({ quick, log: (line) => console.log(line) });
      }),
    );
  } catch (error) {
    // One broken figure (no Chromium, a harness change) must not cost the others.
    console.error(error);
    figures.push({
      id,
      title,
      rows: [{ metric: 'did not run', value: String((error as Error)?.message ?? error).split('\n')[0] ?? 'error' }],
      method: [],
      findings: [],
    });
  }
  console.log(`  (${Math.round((performance.now() - figureStarted) / 1000)} s)`);
}
const elapsedS = (performance.now() - started) / 1000;
console.log(`\n${textTable(figures)}\n`);
const target = new URL('../docs/benchmarks.md', import.meta.url);
writeFileSync(target, markdown(figures, machine, { loadAfter: currentLoad(), elapsedS, quick }));
console.log(`wrote docs/benchmarks.md (${Math.round(elapsedS)} s)`);
