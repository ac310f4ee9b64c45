/**
 * `tsx mutation/events.ts dir`: the survivors so far of a run started with MUTATE_EVENTS=dir (run.ts), one line
 * each (file:line mutator → replacement, and the status), and a count by status: what a long run has found
 * before it ends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';

const dir = process.argv[2] ?? 'mutation/.reports/events';
const results = readdirSync(dir)
  .filter((file) => file.endsWith('-onMutantTested.json'))
  .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as MutantResult);
const counts = new Map<string, number>();
for (const result of results) {
  counts.set(result.status, (counts.get(result.status) ?? 0) + 1);
  if (result.status !== 'Survived' && result.status !== 'NoCoverage') continue;
  const replacement = (result.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
  console.log(
    `${relative(process.cwd(), result.fileName)}:${result.location.start.line} ${result.mutatorName} → ${replacement} (${result.status})`,
  );
}
console.log([...counts].map(([status, count]) => `${status} ${count}`).join(', '));
