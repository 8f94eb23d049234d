// Test runner configuration: tests live under test/, run in forked workers so spawned CLIs behave as in CI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
