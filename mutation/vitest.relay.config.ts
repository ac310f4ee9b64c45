import { defineConfig } from 'vitest/config';
import '../scripts/map-group-by.ts';

export default defineConfig({
  test: { environment: 'node', include: ['relay/src/scheduler.test.ts'], testTimeout: 20_000 },
});
