import { fileURLToPath } from 'node:url';
import { defineProject, mergeConfig } from 'vitest/config';
import extension from '../extension/vitest.config.ts';

/** The extension's unit project without the real-Chromium fixture run (the same fixtures run in happy-dom). */
export default mergeConfig(
  extension,
  defineProject({
    test: {
      root: fileURLToPath(new URL('../extension', import.meta.url)),
      exclude: ['**/*.chromium.test.ts', '**/node_modules/**'],
    },
  }),
);
