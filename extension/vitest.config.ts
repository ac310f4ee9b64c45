import { defineProject } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineProject({
  plugins: [WxtVitest()],
  test: {
    name: 'extension',
    environment: 'happy-dom',
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'entrypoints/**/*.test.tsx'],
  },
});
