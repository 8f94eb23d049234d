// Invariant: the real Codex CLI (0.171.0) reads what `techspec init --agents codex` wrote — `codex mcp list` shows the
// techspec server from `.codex/config.toml` once the project is trusted (and not before), and `codex exec` against the
// fake model on loopback (Responses API) sends AGENTS.md in its prompt and makes a real lint_spec call whose result
// equals the CLI's. Codex defers MCP tools behind the Responses API's `tool_search`: the fake model searches first,
// as a real one does, then calls `lint_spec` in the `mcp__techspec` namespace the search loaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel } from './fake-model.js';
import { codexEnv, describeRun, installed, run, type RunResult } from './harness.js';
import { cliFindings, findings, reportInToolResult, rulesIn } from './expect.js';
import { SPEC, makeRepo, read, write, type TestRepo } from './repo.js';

const codex = installed('codex');

interface McpListEntry {
  name: string;
  enabled: boolean;
  transport: { type: string; command: string; args: string[] };
}

/**
 * The user's config: the fake model as a Responses API provider, no approvals, the project trusted or not, and
 * Codex's wait for optional MCP servers. Since 0.147 Codex builds a turn's tools after giving each optional server
 * `mcp_optional_startup_grace_ms` (1,000 ms by default) to start and leaves a server still starting out of the whole
 * turn; `codex exec` starts its turn at once and `npx techspec mcp` takes longer than that on a busy machine, so
 * without the key the model sees no techspec tool (measured: a stdio server answering `initialize` after 2 s is left
 * out; one answering at once is in). `0` waits up to the server's own `startup_timeout_sec`; docs/clients.md says so.
 */
function userConfig(home: string, root: string, url: string, trusted: boolean): void {
  const lines = [
    // A model Codex knows: with unknown metadata it leaves tool_search out.
    'model = "gpt-5.5"',
    'mcp_optional_startup_grace_ms = 0',
    'model_provider = "fake"',
    'approval_policy = "never"',
    'sandbox_mode = "danger-full-access"',
    'check_for_update_on_startup = false',
    '',
    '[model_providers.fake]',
    'name = "Fake model"',
    `base_url = "${url}/v1"`,
    'wire_api = "responses"',
    'env_key = "FAKE_API_KEY"',
  ];
  if (trusted) lines.push('', `[projects."${root}"]`, 'trust_level = "trusted"');
  write(home, '.codex/config.toml', `${lines.join('\n')}\n`);
}

// Skipped only when the pinned Codex CLI failed to install; the global setup printed why, loudly.
describe.skipIf(!codex.ok)(`Codex CLI ${codex.version}`, () => {
  let repo: TestRepo & { dispose: () => void };
  const fake = new FakeModel({ toolCall: { toolSuffix: 'lint_spec', args: { path: SPEC } } });
  let url = '';
  const cx = (args: readonly string[]): Promise<RunResult> =>
    run(codex.bin, args, { cwd: repo.root, env: codexEnv(repo.home), timeoutMs: 170_000 });

  beforeAll(async () => {
    repo = makeRepo('codex', undefined, 'codex');
    url = await fake.start();
  });
  afterAll(async () => {
    await fake.close();
    repo.dispose();
  });

  it('techspec init wrote the techspec table into .codex/config.toml and told the user the key exec needs', () => {
    expect(repo.init.code, repo.init.out).toBe(0);
    expect(read(repo.root, '.codex/config.toml')).toBe(
      '[mcp_servers.techspec]\ncommand = "npx"\nargs = ["techspec","mcp"]\n',
    );
    // The key the user config below needs for the lint_spec call (its doc comment says why).
    expect(repo.init.out).toContain('mcp_optional_startup_grace_ms = 0 in ~/.codex/config.toml');
  });

  it('codex mcp list shows the server of the project config only once the project is trusted', async () => {
    userConfig(repo.home, repo.root, url, false);
    const untrusted = await cx(['mcp', 'list', '--json']);
    expect(untrusted.code, describeRun(untrusted)).toBe(0);
    expect(JSON.parse(untrusted.stdout)).toEqual([]);
    userConfig(repo.home, repo.root, url, true);
    const trusted = await cx(['mcp', 'list', '--json']);
    const entries = JSON.parse(trusted.stdout) as McpListEntry[];
    expect(
      entries.map(({ name, enabled, transport: { type, command, args } }) => ({
        name,
        enabled,
        type,
        command,
        args,
      })),
    ).toEqual([
      { name: 'techspec', enabled: true, type: 'stdio', command: 'npx', args: ['techspec', 'mcp'] },
    ]);
  });

  describe('codex exec with the fake model (Responses API)', () => {
    let result: RunResult;
    beforeAll(async () => {
      userConfig(repo.home, repo.root, url, true);
      result = await cx(['exec', '--skip-git-repo-check', '--json', `Lint ${SPEC} with techspec`]);
    });

    it('runs one turn against the fake model and prints its answer', () => {
      expect(result.code, describeRun(result)).toBe(0);
      expect(result.stdout).toContain('"text":"FAKE-MODEL-DONE"');
      expect(fake.turns('responses').length).toBeGreaterThan(0);
    });

    it('sends AGENTS.md in the prompt', () => {
      expect(rulesIn(fake.firstPrompt('responses'))).toContain('AGENTS.md');
    });

    it('finds lint_spec through tool_search and calls it on techspec mcp, with the CLI findings as its result', () => {
      expect(fake.replies('responses'), describeRun(result)).toEqual([
        'tool_search',
        'mcp__techspec__lint_spec',
        'text',
      ]);
      const expected = cliFindings(repo.root, SPEC);
      expect(expected.length).toBeGreaterThan(0);
      expect(findings(reportInToolResult(fake.plannedResult('responses', 'lint_spec')))).toEqual(expected);
    });
  });
});
