// Invariant: with the plugin `techspec init --lsp` writes (loaded with --plugin-dir), the real Claude Code starts
// `techspec lsp` for Markdown, and after its Write tool saves a spec with a flaw, the next model request carries
// techspec's diagnostic for it: the assistant's own edit loop sees the finding without calling a tool.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel, strings } from './fake-model.js';
import { claudeEnv, describeRun, installed, run } from './harness.js';
import { makeRepo, techspec, type TestRepo } from './repo.js';

const claude = installed('claude');
const SPEC = 'tasks/prd-lsp/techspec.md';
const FLAWED =
  '# Tech Spec: Order webhooks\n\n## Executive Summary\n\nPartners receive signed JSON payloads, cafÃ© style.\n';

describe.skipIf(!claude.ok)(`Claude Code ${claude.version} with the techspec plugin`, () => {
  let repo: TestRepo & { dispose: () => void };
  let lspInit: { code: number | null; stdout: string };

  beforeAll(() => {
    repo = makeRepo('claude-lsp');
    lspInit = techspec(repo.root, ['init', '--agents', 'claude', '--lsp', '--yes']);
  });

  afterAll(() => {
    repo.dispose();
  });

  it('feeds techspec diagnostics of a spec the model wrote into the next model request', async () => {
    expect(lspInit.code, lspInit.stdout).toBe(0);
    const fake = new FakeModel({
      toolCall: {
        toolSuffix: 'Write',
        args: { file_path: path.join(repo.root, SPEC), content: FLAWED },
        // The language server starts with the first Markdown file touched: a pause lets its diagnostics arrive.
        then: { toolSuffix: 'Bash', args: { command: 'sleep 6', description: 'Wait' } },
      },
    });
    const url = await fake.start();
    try {
      const result = await run(
        claude.bin,
        [
          '-p',
          'Write the spec',
          '--output-format',
          'stream-json',
          '--verbose',
          '--plugin-dir',
          path.join(repo.root, '.claude/plugins/techspec'),
          '--allowedTools',
          'Write,Bash(sleep:*)',
        ],
        { cwd: repo.root, env: claudeEnv(repo.home, url), timeoutMs: 150_000 },
      );
      const turns = fake.agentTurns('anthropic');
      expect(
        turns.map((t) => t.reply?.kind),
        describeRun(result),
      ).toEqual(['tool', 'tool', 'text']);
      const later = strings(turns.slice(1).map((t) => t.body));
      // Claude Code's own wording around the server's diagnostic: position (1-based), message, code, source.
      const column = 'Partners receive signed JSON payloads, caf'.length + 1;
      expect(later, describeRun(result)).toContain('<new-diagnostics>');
      expect(later).toContain(
        `[Line 5:${column}] Unexpected \`Ã©\`, expected \`é\`: UTF-8 text was decoded as Windows-1252 and saved again [encoding-artifacts] (techspec)`,
      );
      expect(strings(turns[0]?.body)).not.toContain('encoding-artifacts');
    } finally {
      await fake.close();
    }
  });
});
