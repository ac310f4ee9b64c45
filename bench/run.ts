import { deliveryLatency } from './delivery-latency.ts';
import { issuerThroughput } from './issuer-throughput.ts';
import type { Figure, FigureRunner } from './lib/figure.ts';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .map(Number);
const FIGURES: Array<[number, FigureRunner]> = [
  [1, issuerThroughput],
  [2, deliveryLatency],
];
const figures: Figure[] = [];
for (const [id, run] of FIGURES) {
  if (only && !only.includes(id)) continue;
  figures.push(await run({ quick, log: (line) => console.log(line) }));
}
console.log(JSON.stringify(figures, null, 2));
