import { deliveryLatency } from './delivery-latency.ts';
import { endToEnd } from './end-to-end.ts';
import { issuerThroughput } from './issuer-throughput.ts';
import type { Figure, FigureRunner } from './lib/figure.ts';
import { longPoll } from './long-poll.ts';
import { memory } from './memory.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .map(Number);
const FIGURES: Array<[number, FigureRunner]> = [
  [1, issuerThroughput],
  [2, deliveryLatency],
  [3, endToEnd],
  [4, memory],
  [6, longPoll],
];
const figures: Figure[] = [];
for (const [id, run] of FIGURES) {
  if (only && !only.includes(id)) continue;
  figures.push(await run({ quick, log: (line) => console.log(line) }));
}
console.log(JSON.stringify(figures, null, 2));
