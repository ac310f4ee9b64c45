import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Vitest 5 matches `testNamePattern` against the suite chain joined with " > "; @stryker-mutator/vitest-runner
 * (9.x and 10.0) builds the pattern from names joined with a space, so it matches no test: every covered mutant
 * is then reported "Survived" after running 0 tests (stryker-mutator/stryker-js#6210). Until a release fixes it,
 * let each space in the pattern also match " > ". It can only select more tests, never fewer. Idempotent.
 */
export function patchVitestRunner(): void {
  const require = createRequire(import.meta.url);
  const file = join(dirname(require.resolve('@stryker-mutator/vitest-runner')), 'vitest-test-runner.js');
  const source = readFileSync(file, 'utf8');
  const buggy = '.map(({ test: name }) => escapeRegExp(name))';
  const fixed = ".map(({ test: name }) => escapeRegExp(name).replaceAll(' ', '(?: | > )'))";
  if (source.includes(fixed)) return;
  if (!source.includes(buggy)) {
    throw new Error(`${file} changed shape: check stryker-js#6210 and drop or update this patch`);
  }
  writeFileSync(file, source.replace(buggy, fixed));
}
