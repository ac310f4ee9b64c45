/**
 * `npm run mutate [-- name …]`: StrykerJS over the modules in modules.ts (all, or those whose name contains one
 * of the arguments), then docs/mutation.md with the score per module and every surviving mutant, each with the
 * reason it is harmless from explained.ts or marked UNEXPLAINED. Slow (minutes per module on 2 cores), so it is
 * not part of `npm test`. `--force` redoes every mutant (a full run, no incremental reuse); `--report` only
 * rebuilds the report; `--survivors` runs again only the kept result's survivors (survivors.ts). Each module's result is committed in mutation/results/ (what the report needs); Stryker's
 * incremental file and its sandbox stay in the git-ignored mutation/.reports/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { MutantResult } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';
import { EXPLAINED } from './explained.ts';
import { MUTATION_GOAL, MUTATION_MODULES, type MutationModule } from './modules.ts';
import { patchVitestRunner } from './patch-vitest-runner.ts';
import { renderReport, scoreOf } from './report.ts';
import { type ModuleResult, readResult, slim, writeResult } from './results.ts';
import { mergeRerun, sourcesOf, staleness, survivorRanges } from './survivors.ts';

const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
/** `--force`: run every mutant again instead of reusing the incremental results (a full module run). */
const force = process.argv.includes('--force');
/** `--report`: only rebuild docs/mutation.md from the kept results (after editing explained.ts). */
const reportOnly = process.argv.includes('--report');
/** `--survivors`: run again only the mutants the kept result left undetected, keep the others' status. */
const survivorsOnly = process.argv.includes('--survivors');
const modules = MUTATION_MODULES.filter(
  (module) => wanted.length === 0 || wanted.some((name) => module.name.includes(name)),
);
if (modules.length === 0) {
  console.error(`No module matches ${wanted.join(', ')}. Modules: ${MUTATION_MODULES.map((m) => m.name).join('; ')}`);
  process.exit(2);
}

patchVitestRunner();

/** `mutate`: Stryker patterns to mutate instead of the module's files (line ranges of `--survivors`). */
function mutate(module: MutationModule, only?: { mutate: string[] }): Promise<MutantResult[]> {
  // Read by mutation/vitest.config.ts in each test runner Stryker starts (they inherit the environment).
  if (module.tests === undefined) delete process.env.MUTATION_TESTS;
  else process.env.MUTATION_TESTS = JSON.stringify(module.tests);
  return new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'mutation/vitest.config.ts', related: true },
    mutate: only?.mutate ?? module.files,
    coverageAnalysis: 'perTest',
    // Module-level constants (keyword tables, limits) are read once at import: each would rerun every test file.
    ignoreStatic: true,
    concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
    timeoutMS: 20_000,
    // The initial run (every related test, with coverage) of a module the whole relay imports took over the
    // default 5 minutes on a loaded box (security checks, 2026-12-02).
    dryRunTimeoutMinutes: 30,
    // A survivors run writes no incremental file: it would hold those mutants only.
    incremental: only === undefined,
    force,
    incrementalFile: INCREMENTAL,
    // MUTATE_EVENTS=dir: every mutant's result written to dir as it is tested (Stryker's event recorder), to read
    // survivors while a long run goes on (mutation/events.ts lists them).
    reporters: ['clear-text', 'progress', ...(process.env.MUTATE_EVENTS ? ['event-recorder'] : [])],
    ...(process.env.MUTATE_EVENTS ? { eventReporter: { baseDir: process.env.MUTATE_EVENTS } } : {}),
    tempDirName: 'mutation/.reports/sandbox',
    cleanTempDir: 'always',
    disableTypeChecks: true,
    // Stryker rewrites the tsconfig it finds with the compiler API of TypeScript 5, which TypeScript 7 no longer
    // has; vitest does not read tsconfig references, so point Stryker at none.
    tsconfigFile: 'mutation/.no-tsconfig.json',
    // Stryker types this as a const enum, which isolatedModules code cannot import.
    logLevel: 'warn' as never,
  }).runMutationTest();
}

/**
 * docs/mutation.md from each module's committed result (mutation/results/): `npm run mutate -- autofill`
 * redoes one module and keeps the rows of the others.
 */
function writeReport(): void {
  const scored = MUTATION_MODULES.flatMap((module) => {
    const result = readResult(module);
    return result === undefined ? [] : [{ module, result }];
  });
  writeFileSync(
    'docs/mutation.md',
    renderReport(scored, EXPLAINED, { goal: MUTATION_GOAL, total: MUTATION_MODULES.length }),
  );
}

const INCREMENTAL = 'mutation/.reports/incremental.json';

/** 'full' when every mutant of the module is run now: forced, or none of its files has an earlier result. */
function runKind(module: MutationModule): 'full' | 'incremental' {
  if (force || !existsSync(INCREMENTAL)) return 'full';
  const { files } = JSON.parse(readFileSync(INCREMENTAL, 'utf8')) as { files: Record<string, unknown> };
  return module.files.some((file) => file in files) ? 'incremental' : 'full';
}

/** This module's mutants of a run (incremental mode also hands back kept results of other files). */
const mutantsOf = (module: MutationModule, results: MutantResult[]) =>
  results
    .map((result) => slim(result, relative(process.cwd(), result.fileName)))
    .filter((mutant) => module.files.includes(mutant.file));

/**
 * The kept result's survivors run again, merged into it and recorded as an incremental run; refused (exit 1)
 * when the module's files are not what that result measured.
 */
async function rerunSurvivors(module: MutationModule): Promise<ModuleResult | undefined> {
  const kept = readResult(module);
  const stale = kept === undefined ? 'it has no kept result' : staleness(module, kept);
  if (kept === undefined || stale !== null) {
    console.error(`${module.name}: --survivors refused, ${stale}; run it in full (--force).`);
    process.exitCode = 1;
    return undefined;
  }
  const sources = sourcesOf(module.files);
  const ranges = await survivorRanges(module, kept);
  console.log(`${module.name}: running again ${ranges.join(' ')}`);
  const mutants =
    ranges.length === 0
      ? kept.mutants
      : mergeRerun(kept.mutants, mutantsOf(module, await mutate(module, { mutate: ranges })));
  const before = scoreOf(kept.mutants, kept.detectedUnlisted);
  return {
    module: module.name,
    date: today(),
    run: 'incremental',
    sources,
    rerunOf: `${kept.date} ${kept.run} (${before.detected} detected, ${before.undetected} survived)${kept.rerunOf ? `, itself a rerun of ${kept.rerunOf}` : ''}`,
    mutants,
  };
}

const today = () => new Date().toISOString().slice(0, 10);

mkdirSync('mutation/.reports', { recursive: true });
for (const module of reportOnly ? [] : modules) {
  const started = Date.now();
  let result: ModuleResult | undefined;
  if (survivorsOnly) result = await rerunSurvivors(module);
  else {
    // Hashed before Stryker reads the files: what this run measures.
    const sources = sourcesOf(module.files);
    const run = runKind(module);
    result = { module: module.name, date: today(), run, sources, mutants: mutantsOf(module, await mutate(module)) };
  }
  if (result === undefined) continue;
  const minutes = Math.round((Date.now() - started) / 6_000) / 10;
  writeResult(module, { ...result, minutes });
  writeReport();
  console.log(`${scoreOf(result.mutants).percent.toFixed(1).padStart(5)} %  ${module.name}  (${minutes} min)`);
}
if (reportOnly) writeReport();
console.log('report: docs/mutation.md');
