// Invariant: the real Claude Code (2.1.332) picks up what `techspec init` wrote — `.mcp.json` connects to `techspec mcp`
// once the user approves project servers, its tools and the create-techspec command are listed, `/create-techspec`
// expands to init's text, the rule files load as `techspec rules` says, and a lint_spec call reaches the real server.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel, strings } from './fake-model.js';
import { claudeEnv, describeRun, installed, run, type RunResult } from './harness.js';
import {
  alwaysOn,
  cliFindings,
  expandMarkdownCommand,
  findings,
  reportInToolResult,
  reportedRules,
  rulesIn,
  serverTools,
  startHttpServer,
} from './expect.js';
import { BIN, FEATURE, SOURCE, SPEC, makeRepo, read, write, type TestRepo } from './repo.js';

const claude = installed('claude');
const COMMAND = '.claude/commands/create-techspec.md';
const TAP = path.join(import.meta.dirname, 'mcp-tap.mjs');

/** The user's one-time approval of project MCP servers, in the (test) HOME where Claude Code keeps it. */
function approveProjectServers(home: string): void {
  write(home, '.claude/settings.json', `${JSON.stringify({ enableAllProjectMcpServers: true }, null, 2)}\n`);
}

interface InitLine {
  type: string;
  subtype: string;
  mcp_servers: { name: string; status: string }[];
  tools: string[];
  slash_commands: string[];
}

function initLine(result: RunResult): InitLine {
  const first = result.stdout.split('\n')[0] ?? '';
  expect(first, describeRun(result)).toMatch(/^\{"type":"system","subtype":"init"/);
  return JSON.parse(first) as InitLine;
}

// Skipped only when the pinned Claude Code failed to install; the global setup printed why, loudly.
describe.skipIf(!claude.ok)(`Claude Code ${claude.version}`, () => {
  let repo: TestRepo & { dispose: () => void };
  // -p runs connect MCP servers in the background unless told to wait: the init line then says "pending".
  const waitForMcp = { MCP_CONNECTION_NONBLOCKING: 'false' };
  const claudeRun = (args: readonly string[], env: Record<string, string>) =>
    run(claude.bin, args, { cwd: repo.root, env, timeoutMs: 120_000 });

  beforeAll(() => {
    repo = makeRepo('claude');
    approveProjectServers(repo.home);
  });
  afterAll(() => {
    repo.dispose();
  });

  it('techspec init wrote .mcp.json and the create-techspec command', () => {
    expect(repo.init.code, repo.init.out).toBe(0);
    expect(JSON.parse(read(repo.root, '.mcp.json'))).toEqual({
      mcpServers: { techspec: { command: 'npx', args: ['techspec', 'mcp'] } },
    });
    expect(read(repo.root, COMMAND)).toContain('$ARGUMENTS');
  });

  it('claude mcp list shows the server connected once the user approved project servers', async () => {
    const result = await claudeRun(['mcp', 'list'], claudeEnv(repo.home));
    expect(result.out, describeRun(result)).toMatch(/^techspec: npx techspec mcp - ✔ Connected$/m);
  });

  it('a repository cannot approve its own server: .claude/settings.json of the project leaves it pending', async () => {
    const home = path.join(repo.home, 'unapproved');
    write(home, '.keep', '');
    write(repo.root, '.claude/settings.json', '{ "enableAllProjectMcpServers": true }\n');
    try {
      const result = await claudeRun(['mcp', 'list'], claudeEnv(home));
      expect(result.out, describeRun(result)).toMatch(/^techspec: npx techspec mcp - ⏸ Pending approval/m);
    } finally {
      rmSync(path.join(repo.root, '.claude/settings.json'));
    }
  });

  /** `claude -p x` against a fake model that answers with text, so that the run ends after one turn. */
  async function oneTurn(
    env: Record<string, string> = {},
    args: readonly string[] = [],
  ): Promise<{ result: RunResult; fake: FakeModel }> {
    const fake = new FakeModel();
    const url = await fake.start();
    try {
      const result = await claudeRun(['-p', 'x', '--output-format', 'stream-json', '--verbose', ...args], {
        ...claudeEnv(repo.home, url),
        ...env,
      });
      return { result, fake };
    } finally {
      await fake.close();
    }
  }

  it('the first stream-json line lists the server connected, every tool as mcp__techspec__<tool>, and the command', async () => {
    const { result } = await oneTurn(waitForMcp);
    const line = initLine(result);
    expect(line.mcp_servers).toContainEqual({ name: 'techspec', status: 'connected', source: 'project' });
    const tools = (await serverTools(repo.root)).map((name) => `mcp__techspec__${name}`);
    expect(line.tools.filter((t) => t.startsWith('mcp__techspec__')).sort()).toEqual(tools);
    expect(line.slash_commands).toContain('create-techspec');
  });

  it('connects to techspec mcp over Streamable HTTP too (an "http" entry), with the same tools', async () => {
    const http = await startHttpServer(repo.root);
    try {
      write(
        repo.home,
        'http-mcp.json',
        JSON.stringify({ mcpServers: { techspec: { type: 'http', url: http.url } } }),
      );
      const config = path.join(repo.home, 'http-mcp.json');
      const { result } = await oneTurn(waitForMcp, ['--mcp-config', config, '--strict-mcp-config']);
      const line = initLine(result);
      expect(line.mcp_servers).toContainEqual({ name: 'techspec', status: 'connected', source: 'dynamic' });
      const tools = (await serverTools(repo.root)).map((name) => `mcp__techspec__${name}`);
      expect(line.tools.filter((t) => t.startsWith('mcp__techspec__')).sort()).toEqual(tools);
    } finally {
      http.stop();
    }
  });

  it('probes with server/discover before initialize, which techspec mcp answers with -32601 at once', async () => {
    const log = path.join(repo.home, 'tap.jsonl');
    const config = path.join(repo.home, 'tap-mcp.json');
    const tap = { command: process.execPath, args: [TAP, BIN], env: { TECHSPEC_TAP_LOG: log } };
    write(repo.home, 'tap-mcp.json', JSON.stringify({ mcpServers: { techspec: tap } }));
    const { result } = await oneTurn(waitForMcp, ['--mcp-config', config, '--strict-mcp-config']);
    expect(initLine(result).mcp_servers).toContainEqual({
      name: 'techspec',
      status: 'connected',
      source: 'dynamic',
    });
    // Each line as "<direction> <method or error code> <id>", in the order the tap saw them.
    const seen = read(repo.home, 'tap.jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { dir: string; line: string })
      .map(({ dir, line }) => {
        const m = JSON.parse(line) as { id?: string | number; method?: string; error?: { code: number } };
        return `${dir} ${m.method ?? m.error?.code ?? 'result'} ${m.id ?? '-'}`;
      });
    expect(seen.slice(0, 4)).toEqual([
      'in server/discover server-discover-probe-1',
      'out -32601 server-discover-probe-1',
      'in initialize 0',
      'out result 0',
    ]);
  });

  describe('with a fake model: /create-techspec, then a canned lint_spec call', () => {
    const fake = new FakeModel({ toolCall: { toolSuffix: 'lint_spec', args: { path: SPEC } } });
    let result: RunResult;
    beforeAll(async () => {
      const url = await fake.start();
      result = await claudeRun(
        [
          '-p',
          `/create-techspec ${FEATURE}`,
          '--output-format',
          'stream-json',
          '--verbose',
          '--allowedTools',
          'mcp__techspec__lint_spec',
        ],
        { ...claudeEnv(repo.home, url), ...waitForMcp },
      );
    });
    afterAll(() => fake.close());

    it('expands /create-techspec to the command text init wrote, with the feature for $ARGUMENTS', () => {
      expect(fake.firstPrompt('anthropic'), describeRun(result)).toContain(
        expandMarkdownCommand(read(repo.root, COMMAND), FEATURE),
      );
    });

    it('loads CLAUDE.md and the unconditioned .claude/rules up front; not the paths: rule, not AGENTS.md', () => {
      expect(rulesIn(fake.firstPrompt('anthropic'))).toEqual(['.claude/rules/always.md', 'CLAUDE.md']);
    });

    it('calls lint_spec on techspec mcp (after loading it with ToolSearch) and sends its result on', () => {
      expect(fake.replies('anthropic'), describeRun(result)).toEqual([
        'ToolSearch',
        'mcp__techspec__lint_spec',
        'text',
      ]);
      const answer = fake.plannedResult('anthropic', 'mcp__techspec__lint_spec');
      expect(findings(reportInToolResult(answer))).toEqual(cliFindings(repo.root, SPEC));
    });
  });

  it('loads a paths: rule only after a file it matches was read', async () => {
    const fake = new FakeModel({
      toolCall: { toolSuffix: 'Read', args: { file_path: path.join(repo.root, SOURCE) } },
    });
    const url = await fake.start();
    try {
      const result = await claudeRun(
        ['-p', 'Summarise the order type', '--output-format', 'stream-json', '--verbose'],
        {
          ...claudeEnv(repo.home, url),
          ...waitForMcp,
        },
      );
      const turns = fake.agentTurns('anthropic');
      expect(
        turns.map((t) => t.reply?.kind),
        describeRun(result),
      ).toEqual(['tool', 'text']);
      expect(rulesIn(strings(turns[0]?.body))).not.toContain('.claude/rules/typescript.md');
      expect(rulesIn(strings(turns[1]?.body))).toContain('.claude/rules/typescript.md');
    } finally {
      await fake.close();
    }
  });

  it('loads AGENTS.md when there is no CLAUDE.md', async () => {
    const saved = read(repo.root, 'CLAUDE.md');
    rmSync(path.join(repo.root, 'CLAUDE.md'));
    const fake = new FakeModel();
    const url = await fake.start();
    try {
      const result = await claudeRun(['-p', 'x', '--output-format', 'stream-json', '--verbose'], {
        ...claudeEnv(repo.home, url),
        ...waitForMcp,
      });
      expect(rulesIn(fake.firstPrompt('anthropic')), describeRun(result)).toEqual([
        '.claude/rules/always.md',
        'AGENTS.md',
      ]);
    } finally {
      write(repo.root, 'CLAUDE.md', saved);
      await fake.close();
    }
  });

  it('techspec rules says which Claude rule files load up front, as Claude Code does', async () => {
    const { fake } = await oneTurn();
    const loaded = rulesIn(fake.firstPrompt('anthropic'));
    const sources = reportedRules(repo.root, 'claude');
    expect(sources.map((s) => s.path).sort()).toEqual([
      '.claude/rules/always.md',
      '.claude/rules/typescript.md',
      'CLAUDE.md',
    ]);
    for (const source of sources) {
      expect(loaded.includes(source.path), `${source.path}: techspec says ${source.activation}`).toBe(
        alwaysOn(source),
      );
    }
  });
});
