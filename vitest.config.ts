import { defineConfig } from 'vitest/config';

// Vitest 5's reporter calls Map.groupBy (Node ≥ 21) when it prints failures; this machine runs Node 20.
// Without it a failing run crashes the reporter instead of showing what failed.
if (typeof Map.groupBy !== 'function') {
  Map.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

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
        },
      },
    ],
  },
});
