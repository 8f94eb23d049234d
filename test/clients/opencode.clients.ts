// Invariant: the real OpenCode CLI (1.18.33) accepts what `techspec init --agents opencode` wrote — `debug config` lists
// our command and our server, `mcp list` shows the server connected over stdio, `run --command create-techspec` sends
// init's text with AGENTS.md in the prompt, and a lint_spec call reaches the real server with the CLI's findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel } from './fake-model.js';
import { describeRun, installed, opencodeEnv, run, type RunResult } from './harness.js';
import { cliFindings, expandMarkdownCommand, findings, reportInToolResult, rulesIn } from './expect.js';
import { FEATURE, SPEC, makeRepo, read, write, type TestRepo } from './repo.js';

const opencode = installed('opencode');
const COMMAND = '.opencode/commands/create-techspec.md';
const INIT_ENTRY = { type: 'local', command: ['npx', 'techspec', 'mcp'], enabled: true };

/** The user's own config: the fake model as an OpenAI-compatible provider (OpenCode bundles that provider). */
function userConfig(home: string, url: string): void {
  const provider = {
    npm: '@ai-sdk/openai-compatible',
    name: 'Fake model',
    options: { baseURL: `${url}/v1`, apiKey: 'sk-test-not-a-key' },
    models: { 'fake-model': { name: 'Fake model', tool_call: true } },
  };
  write(
    home,
    '.config/opencode/opencode.json',
    `${JSON.stringify({ provider: { fake: provider }, model: 'fake/fake-model' }, null, 2)}\n`,
  );
}

interface DebugConfig {
  command?: Record<string, { template: string }>;
  mcp?: Record<string, unknown>;
}

// Skipped only when the pinned OpenCode failed to install; the global setup printed why, loudly.
describe.skipIf(!opencode.ok)(`OpenCode ${opencode.version}`, () => {
  let repo: TestRepo & { dispose: () => void };
  const oc = (args: readonly string[]) =>
    run(opencode.bin, args, { cwd: repo.root, env: opencodeEnv(repo.home), timeoutMs: 170_000 });

  beforeAll(() => {
    repo = makeRepo('opencode', undefined, 'opencode');
  });
  afterAll(() => {
    repo.dispose();
  });

  it('techspec init wrote opencode.json with the techspec server and the create-techspec command', () => {
    expect(repo.init.code, repo.init.out).toBe(0);
    const config = JSON.parse(read(repo.root, 'opencode.json')) as { mcp: Record<string, unknown> };
    expect(config.mcp.techspec).toEqual(INIT_ENTRY);
    expect(read(repo.root, COMMAND)).toContain('$ARGUMENTS');
  });

  it('opencode debug config lists our command (its text as init wrote it) and our server', async () => {
    const result = await oc(['debug', 'config']);
    expect(result.code, describeRun(result)).toBe(0);
    const config = JSON.parse(result.stdout) as DebugConfig;
    expect(config.command?.['create-techspec']?.template.trim()).toBe(
      expandMarkdownCommand(read(repo.root, COMMAND), '$ARGUMENTS'),
    );
    expect(config.mcp?.techspec).toEqual(INIT_ENTRY);
  });

  it('opencode mcp list shows the server connected over stdio', async () => {
    const result = await oc(['mcp', 'list']);
    expect(result.out, describeRun(result)).toMatch(/✓ techspec connected\s*\n\s*│\s+npx techspec mcp/);
    expect(result.out).toContain('1 server(s)');
  });

  describe('with a fake model: run --command create-techspec, then a canned lint_spec call', () => {
    const fake = new FakeModel({ toolCall: { toolSuffix: 'lint_spec', args: { path: SPEC } } });
    let result: RunResult;
    beforeAll(async () => {
      userConfig(repo.home, await fake.start());
      result = await oc(['run', '--format', 'json', '--command', 'create-techspec', FEATURE]);
    });
    afterAll(async () => {
      await fake.close();
    });

    it('sends the command text init wrote, with the feature for $ARGUMENTS, and AGENTS.md', () => {
      const prompt = fake.firstPrompt('openai');
      expect(prompt, describeRun(result)).toContain(expandMarkdownCommand(read(repo.root, COMMAND), FEATURE));
      expect(rulesIn(prompt)).toContain('AGENTS.md');
    });

    it('calls techspec_lint_spec on techspec mcp and sends its result on', () => {
      expect(fake.replies('openai'), describeRun(result)).toEqual(['techspec_lint_spec', 'text']);
      const answer = fake.plannedResult('openai', 'techspec_lint_spec');
      expect(findings(reportInToolResult(answer))).toEqual(cliFindings(repo.root, SPEC));
    });
  });
});
