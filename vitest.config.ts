// Test runner configuration: tests live under test/, run in forked workers so spawned CLIs behave as in CI.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when it is older than src/: the CLI tests run the real bundle.
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
  },
});
