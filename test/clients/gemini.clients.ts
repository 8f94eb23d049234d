// Invariant: the real Gemini CLI (0.61.0) picks up what `techspec init` wrote — `.gemini/settings.json` connects to
// `techspec mcp` in a trusted folder, `/create-techspec` expands to init's TOML prompt, GEMINI.md loads as
// `techspec rules` says, and a lint_spec call (allowed by the user's policy) reaches the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel } from './fake-model.js';
import { describeRun, geminiEnv, installed, run, type RunResult } from './harness.js';
import {
  alwaysOn,
  cliFindings,
  expandGeminiCommand,
  findings,
  reportInToolResult,
  reportedRules,
  rulesIn,
} from './expect.js';
import { FEATURE, SPEC, makeRepo, read, write, type TestRepo } from './repo.js';

const gemini = installed('gemini');
const COMMAND = '.gemini/commands/create-techspec.toml';
/**
 * A model named on the command line: with the default "auto", every prompt first asks a classifier model for a JSON
 * verdict, which the fake cannot give, and Gemini retries it five times with back-off (about 90 s).
 */
const MODEL = ['--model', 'gemini-2.5-flash'];

/** The test HOME as a user who ran Gemini CLI once would have it: API-key auth, no telemetry or update checks. */
function setUpHome(home: string, trusted?: string): void {
  const settings = {
    general: { enableAutoUpdate: false, enableAutoUpdateNotification: false },
    privacy: { usageStatisticsEnabled: false },
    telemetry: { enabled: false },
    // GOOGLE_GEMINI_BASE_URL alone selects the "gateway" auth type, which 0.61's headless start rejects.
    security: { auth: { selectedType: 'gemini-api-key' } },
  };
  write(home, '.gemini/settings.json', `${JSON.stringify(settings, null, 2)}\n`);
  write(
    home,
    '.gemini/trustedFolders.json',
    `${JSON.stringify(trusted ? { [trusted]: 'TRUST_FOLDER' } : {})}\n`,
  );
  // Headless runs drop tools that would ask for confirmation: the user allows lint_spec once, in a policy.
  write(
    home,
    '.gemini/policies/techspec.toml',
    '[[rule]]\nmcpName = "techspec"\ntoolName = "lint_spec"\ndecision = "allow"\npriority = 100\n',
  );
}

interface StreamEvent {
  type: string;
  tool_name?: string;
  status?: string;
}

function events(result: RunResult): StreamEvent[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StreamEvent);
}

// Skipped only when the pinned Gemini CLI failed to install; the global setup printed why, loudly.
describe.skipIf(!gemini.ok)(`Gemini CLI ${gemini.version}`, () => {
  let repo: TestRepo & { dispose: () => void };
  const geminiRun = (args: readonly string[], env: Record<string, string>) =>
    run(gemini.bin, args, { cwd: repo.root, env, timeoutMs: 120_000 });

  beforeAll(() => {
    repo = makeRepo('gemini');
    setUpHome(repo.home, repo.root);
  });
  afterAll(() => {
    repo.dispose();
  });

  it('techspec init wrote .gemini/settings.json and the create-techspec TOML command', () => {
    expect(repo.init.code, repo.init.out).toBe(0);
    expect(JSON.parse(read(repo.root, '.gemini/settings.json'))).toEqual({
      mcpServers: { techspec: { command: 'npx', args: ['techspec', 'mcp', '--no-prompts'] } },
    });
    expect(read(repo.root, COMMAND)).toMatch(/^description = /m);
  });

  it('gemini mcp list shows the server connected in a trusted folder', async () => {
    const result = await geminiRun(['mcp', 'list'], geminiEnv(repo.home));
    expect(result.out, describeRun(result)).toMatch(
      /^✓ techspec: npx techspec mcp --no-prompts \(stdio\) - Connected$/m,
    );
  });

  it('in a folder the user has not trusted, the server is listed but disabled', async () => {
    const home = `${repo.home}/untrusted`;
    setUpHome(home);
    const result = await geminiRun(['mcp', 'list'], geminiEnv(home));
    expect(result.out, describeRun(result)).toContain(
      'MCP servers are configured but disabled because this folder is untrusted',
    );
    expect(result.out).toMatch(/^○ techspec: npx techspec mcp --no-prompts \(stdio\) - Disabled$/m);
  });

  it('/create-techspec expands to the TOML prompt init wrote (MCP servers left out, see the next test)', async () => {
    const fake = new FakeModel();
    const url = await fake.start();
    try {
      const result = await geminiRun(
        [
          ...MODEL,
          '--allowed-mcp-server-names',
          'none',
          '-p',
          `/create-techspec ${FEATURE}`,
          '--output-format',
          'stream-json',
        ],
        geminiEnv(repo.home, url),
      );
      expect(fake.firstPrompt('gemini'), describeRun(result)).toContain(
        expandGeminiCommand(read(repo.root, COMMAND), FEATURE),
      );
    } finally {
      await fake.close();
    }
  });

  describe('with a fake model and the MCP server: /create-techspec, then a canned lint_spec call', () => {
    const fake = new FakeModel({ toolCall: { toolSuffix: 'lint_spec', args: { path: SPEC } } });
    let result: RunResult;
    beforeAll(async () => {
      const url = await fake.start();
      result = await geminiRun(
        [...MODEL, '-p', `/create-techspec ${FEATURE}`, '--output-format', 'stream-json'],
        geminiEnv(repo.home, url),
      );
    });
    afterAll(() => fake.close());

    // init starts the server with --no-prompts for Gemini: Gemini CLI makes MCP prompts slash commands too and would
    // rename both on a clash with the server's create-techspec prompt (`/workspace.create-techspec`).
    it('expands /create-techspec to the command init wrote while techspec mcp is connected', () => {
      expect(fake.firstPrompt('gemini')).toContain(expandGeminiCommand(read(repo.root, COMMAND), FEATURE));
    });

    it('loads GEMINI.md into the prompt, and neither AGENTS.md, CLAUDE.md nor any rules folder', () => {
      expect(rulesIn(fake.firstPrompt('gemini')), describeRun(result)).toEqual(['GEMINI.md']);
    });

    it('calls mcp_techspec_lint_spec on techspec mcp and sends its result on', () => {
      const used = events(result).filter((e) => e.type === 'tool_use' || e.type === 'tool_result');
      expect(used, describeRun(result)).toEqual([
        expect.objectContaining({ type: 'tool_use', tool_name: 'mcp_techspec_lint_spec' }),
        expect.objectContaining({ type: 'tool_result', status: 'success' }),
      ]);
      expect(fake.replies('gemini')).toEqual(['mcp_techspec_lint_spec', 'text']);
      const answer = fake.plannedResult('gemini', 'mcp_techspec_lint_spec');
      expect(findings(reportInToolResult(answer))).toEqual(cliFindings(repo.root, SPEC));
    });

    it('techspec rules says which Gemini rule files load up front, as Gemini CLI does', () => {
      const loaded = rulesIn(fake.firstPrompt('gemini'));
      const sources = reportedRules(repo.root, 'gemini');
      expect(sources.map((s) => s.path)).toEqual(['GEMINI.md']);
      for (const source of sources) expect(loaded.includes(source.path)).toBe(alwaysOn(source));
    });
  });
});
