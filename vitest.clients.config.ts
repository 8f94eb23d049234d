// The real-clients suite (`npm run test:clients`): Kilo Code, Claude Code and Gemini CLI run against what `techspec init`
// writes and against `techspec mcp`. Kept out of `npm test`: it installs ~780 MB of clients into a cache folder.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/clients/*.clients.ts'],
    // Builds dist/ when stale (the clients start `techspec mcp` from it), then installs or reuses the clients.
    globalSetup: ['test/global-setup.ts', 'test/clients/setup.ts'],
    pool: 'forks',
    // One client at a time: each starts a native binary and MCP servers, and the machine has two cores.
    fileParallelism: false,
    maxWorkers: 1,
    // A client start takes seconds, a Kilo model turn up to a minute on a busy machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
