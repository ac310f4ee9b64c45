/**
 * `npm run mutate [-- name …]`: StrykerJS over the modules in modules.ts (all, or those whose name contains one
 * of the arguments), then docs/mutation.md with the score per module and every surviving mutant, each with the
 * reason it is harmless from explained.ts or marked UNEXPLAINED. Slow (minutes per module on 2 cores), so it is
 * not part of `npm test`.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import { EXPLAINED } from './explained.ts';
import { MUTATION_GOAL, MUTATION_MODULES, type MutationModule } from './modules.ts';
import { patchVitestRunner } from './patch-vitest-runner.ts';
import { renderReport, scoreOf } from './report.ts';

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const modules = MUTATION_MODULES.filter(
  (module) => wanted.length === 0 || wanted.some((name) => module.name.includes(name)),
);
if (modules.length === 0) {
  console.error(`No module matches ${wanted.join(', ')}. Modules: ${MUTATION_MODULES.map((m) => m.name).join('; ')}`);
  process.exit(2);
}

patchVitestRunner();

const started = Date.now();
const results = await new Stryker({
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'mutation/vitest.config.ts', related: true },
  mutate: modules.flatMap((module) => module.files),
  coverageAnalysis: 'perTest',
  // Module-level constants (keyword tables, limits) are read once at import: each would rerun every test file.
  ignoreStatic: true,
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  incremental: true,
  incrementalFile: 'mutation/.reports/incremental.json',
  reporters: ['clear-text', 'progress'],
  tempDirName: 'mutation/.reports/sandbox',
  cleanTempDir: 'always',
  disableTypeChecks: true,
}).runMutationTest();

const byFile = new Map<string, MutantResult[]>();
for (const result of results) {
  const file = relative(process.cwd(), result.fileName);
  const list = byFile.get(file) ?? [];
  list.push({ ...result, fileName: file });
  byFile.set(file, list);
}
const scored = modules.map((module: MutationModule) => ({
  module,
  mutants: module.files.flatMap((file) => byFile.get(file) ?? []),
}));

const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const partial = modules.length !== MUTATION_MODULES.length;
const path = partial ? 'mutation/.reports/mutation.md' : 'docs/mutation.md';
writeFileSync(path, renderReport(scored, EXPLAINED, { minutes, goal: MUTATION_GOAL }));
for (const { module, mutants } of scored) {
  const score = scoreOf(mutants);
  console.log(`${score.percent.toFixed(1).padStart(5)} %  ${module.name}`);
}
console.log(`report: ${path}`);
