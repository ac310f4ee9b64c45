import { defineConfig } from 'vitest/config';

import './scripts/map-group-by.ts';

/**
 * One `vitest run` for everything: unit tests beside the code in each workspace, and the browser flows
 * in test/ (real relay processes, real Chromium with the built extension).
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: './shared', environment: 'node', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'relay',
          root: './relay',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      './extension/vitest.config.ts',
      {
        test: {
          name: 'e2e',
          root: './test',
          environment: 'node',
          include: ['**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Each file launches its own relay and Chromium; two at a time fit this 2-core machine.
          maxWorkers: 2,
          // The real OTP components' pages (test/components), bundled once for every browser file.
          globalSetup: ['./components/build-component-pages.ts'],
        },
      },
    ],
  },
});
