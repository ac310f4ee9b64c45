import { defineConfig } from 'vitest/config';
import '../scripts/map-group-by.ts';

/**
 * The unit projects of the main config, for StrykerJS: no browser flows (a relay process and Chromium per
 * mutant would take hours) and no `*.chromium.test.ts` (the same fixtures run in happy-dom here). With
 * `vitest.related` each mutant runs only the test files that import the mutated module.
 */
/**
 * A module that names its tests (modules.ts `tests`, handed over by run.ts in MUTATION_TESTS) runs only those:
 * `related` would bring in every test of the relay for a file the whole relay imports.
 */
const only: string[] | undefined = process.env.MUTATION_TESTS ? JSON.parse(process.env.MUTATION_TESTS) : undefined;
const within = (root: string, fallback: string[]) =>
  only === undefined
    ? fallback
    : only.filter((path) => path.startsWith(`${root}/`)).map((path) => path.slice(root.length + 1));

export default defineConfig({
  test: {
    passWithNoTests: true,
    projects: [
      {
        test: {
          name: 'shared',
          root: './shared',
          environment: 'node',
          include: within('shared', ['src/**/*.test.ts']),
        },
      },
      {
        test: {
          name: 'relay',
          root: './relay',
          environment: 'node',
          include: within('relay', ['src/**/*.test.ts', 'test/**/*.test.ts']),
          // These drive the relay CLI in a child process, where no mutant is ever switched on: they cannot
          // detect one, and they took minutes of each initial test run.
          exclude: [
            'src/cli-stop.test.ts',
            'src/mailbox/mailbox-cli.test.ts',
            'src/phone/phone-restart.test.ts',
            'src/smtp/smtp-cli.test.ts',
            '**/node_modules/**',
          ],
          testTimeout: 20_000,
        },
      },
      ...(only === undefined || only.some((path) => path.startsWith('extension/'))
        ? ['./mutation/vitest.extension.config.ts']
        : []),
    ],
  },
});
