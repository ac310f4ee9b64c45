import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineProject({
  // WXT looks for entrypoints relative to its root: this folder, not the workspace root vitest runs from.
  plugins: [WxtVitest({ root: import.meta.dirname })],
  test: {
    name: 'extension',
    environment: 'happy-dom',
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'entrypoints/**/*.test.tsx'],
  },
});
