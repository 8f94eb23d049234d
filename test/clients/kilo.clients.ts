// Invariant: the real Kilo Code CLI (7.7.7) accepts what `techspec init` wrote — `kilo.jsonc` passes `config check`,
// `debug config` lists our command, the repository's rule files and our server, the server connects over stdio and
// Streamable HTTP, `run --command create-techspec` sends init's text, and a lint_spec call reaches the real server.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeModel } from './fake-model.js';
import { describeRun, installed, kiloEnv, run, type RunResult } from './harness.js';
import {
  alwaysOn,
  cliFindings,
  expandMarkdownCommand,
  findings,
  reportInToolResult,
  reportedRules,
  rulesIn,
  startHttpServer,
} from './expect.js';
import { FEATURE, SPEC, makeRepo, read, write, type TestRepo } from './repo.js';

const kilo = installed('kilo');
const COMMAND = '.kilo/commands/create-techspec.md';
const INIT_ENTRY = { type: 'local', command: ['npx', 'techspec', 'mcp'] };

/** The user's own config (not the project's): the fake model as an OpenAI-compatible provider, extra MCP servers. */
function userConfig(home: string, config: Record<string, unknown>): void {
  write(home, '.config/kilo/kilo.jsonc', `${JSON.stringify(config, null, 2)}\n`);
}

function fakeProvider(url: string): Record<string, unknown> {
  return {
    provider: {
      fake: {
        npm: '@ai-sdk/openai-compatible',
        name: 'Fake model',
        options: { baseURL: `${url}/v1`, apiKey: 'sk-test-not-a-key' },
        models: { 'fake-model': { name: 'Fake model', tool_call: true } },
      },
    },
    model: 'fake/fake-model',
  };
}

interface DebugConfig {
  instructions?: string[];
  command?: Record<string, { template: string; description?: string }>;
  mcp?: Record<string, unknown>;
}

// Skipped only when the pinned Kilo Code CLI failed to install; the global setup printed why, loudly.
describe.skipIf(!kilo.ok)(`Kilo Code CLI ${kilo.version}`, () => {
  let repo: TestRepo & { dispose: () => void };
  // --pure: no external plugins. A Kilo start takes 5–40 s on a busy two-core machine.
  const kiloRun = (args: readonly string[]) =>
    run(kilo.bin, [...args, '--pure'], { cwd: repo.root, env: kiloEnv(repo.home), timeoutMs: 170_000 });

  beforeAll(() => {
    repo = makeRepo('kilo');
  });
  afterAll(() => {
    repo.dispose();
  });

  it('techspec init wrote kilo.jsonc with the techspec server and the create-techspec command', () => {
    expect(repo.init.code, repo.init.out).toBe(0);
    const config = JSON.parse(read(repo.root, 'kilo.jsonc')) as { mcp: Record<string, unknown> };
    expect(config.mcp.techspec).toEqual(INIT_ENTRY);
    expect(read(repo.root, COMMAND)).toContain('$ARGUMENTS');
  });

  it('kilo config check exits 0 on the kilo.jsonc init wrote', async () => {
    const result = await kiloRun(['config', 'check']);
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.out).toContain('No config warnings.');
  });

  it('kilo config check exits 1 on a broken copy (command as a string), naming the key', async () => {
    const good = read(repo.root, 'kilo.jsonc');
    write(repo.root, 'kilo.jsonc', good.replace(/"command":\s*\[[^\]]*\]/, '"command": "npx techspec mcp"'));
    try {
      const result = await kiloRun(['config', 'check']);
      expect(result.code, describeRun(result)).toBe(1);
      expect(result.out).toContain('mcp.techspec.command: Expected array, got "npx techspec mcp"');
    } finally {
      write(repo.root, 'kilo.jsonc', good);
    }
  });

  it('kilo debug config lists our command, the repository rule files under instructions, and our server', async () => {
    const result = await kiloRun(['debug', 'config']);
    expect(result.code, describeRun(result)).toBe(0);
    const config = JSON.parse(result.stdout) as DebugConfig;
    expect(config.command?.['create-techspec']?.template.trim()).toBe(
      expandMarkdownCommand(read(repo.root, COMMAND), '$ARGUMENTS'),
    );
    expect(config.instructions).toEqual(
      expect.arrayContaining([
        path.join(repo.root, '.kilo/rules/always.md'),
        path.join(repo.root, '.kilo/rules/typescript.md'),
      ]),
    );
    expect(config.mcp?.techspec).toEqual(INIT_ENTRY);
  });

  it('kilo mcp list shows the server connected over stdio (init entry) and over Streamable HTTP', async () => {
    const http = await startHttpServer(repo.root);
    userConfig(repo.home, { mcp: { 'techspec-http': { type: 'remote', url: http.url } } });
    try {
      const result = await kiloRun(['mcp', 'list']);
      expect(result.out, describeRun(result)).toMatch(/✓ techspec connected\s*\n\s*│\s+npx techspec mcp/);
      expect(result.out).toMatch(new RegExp(`✓ techspec-http connected\\s*\\n\\s*│\\s+${http.url}`));
      expect(result.out).toContain('2 server(s)');
    } finally {
      http.stop();
      userConfig(repo.home, {});
    }
  });

  it('on the legacy .kilocode/ layout init writes .kilo/commands/ only, and Kilo runs it there beside the legacy rules', async () => {
    const legacy = makeRepo('kilo-legacy', (root) => {
      write(root, '.kilocode/rules/legacy.md', '# Legacy rules\n\nmarker: tsr-kilocode-legacy\n');
    });
    try {
      expect(legacy.init.code, legacy.init.out).toBe(0);
      expect(existsSync(path.join(legacy.root, '.kilocode/workflows/create-techspec.md'))).toBe(false);
      const result = await run(kilo.bin, ['debug', 'config', '--pure'], {
        cwd: legacy.root,
        env: kiloEnv(legacy.home),
        timeoutMs: 170_000,
      });
      const config = JSON.parse(result.stdout) as DebugConfig;
      expect(Object.keys(config.command ?? {}), describeRun(result)).toEqual(['create-techspec']);
      expect(config.command?.['create-techspec']?.template.trim()).toBe(
        expandMarkdownCommand(read(legacy.root, COMMAND), '$ARGUMENTS'),
      );
      expect(config.instructions).toContain(path.join(legacy.root, '.kilocode/rules/legacy.md'));
    } finally {
      legacy.dispose();
    }
  });

  describe('with a fake model: run --command create-techspec, then a canned lint_spec call', () => {
    const fake = new FakeModel({ toolCall: { toolSuffix: 'lint_spec', args: { path: SPEC } } });
    let result: RunResult;
    beforeAll(async () => {
      const url = await fake.start();
      userConfig(repo.home, fakeProvider(url));
      result = await kiloRun(['run', '--format', 'json', '--command', 'create-techspec', FEATURE]);
    });
    afterAll(async () => {
      userConfig(repo.home, {});
      await fake.close();
    });

    it('sends the command text init wrote, with the feature for $ARGUMENTS', () => {
      expect(fake.firstPrompt('openai'), describeRun(result)).toContain(
        expandMarkdownCommand(read(repo.root, COMMAND), FEATURE),
      );
    });

    it('loads AGENTS.md and every .kilo/rules file into the first prompt, the paths: one included', () => {
      expect(rulesIn(fake.firstPrompt('openai'))).toEqual([
        '.kilo/rules/always.md',
        '.kilo/rules/typescript.md',
        'AGENTS.md',
      ]);
    });

    it('calls techspec_lint_spec on techspec mcp and sends its result on', () => {
      expect(fake.replies('openai'), describeRun(result)).toEqual(['techspec_lint_spec', 'text']);
      const answer = fake.plannedResult('openai', 'techspec_lint_spec');
      expect(findings(reportInToolResult(answer))).toEqual(cliFindings(repo.root, SPEC));
    });

    // Kilo 7.7.7 has no `paths:` handling and loads every rules-folder file into every prompt (the test above shows
    // it): `techspec rules` reports such a rule as "always (paths: not honoured by Kilo 7.x)".
    it('techspec rules says which Kilo rule files load up front, as Kilo does', () => {
      const loaded = rulesIn(fake.firstPrompt('openai'));
      const sources = reportedRules(repo.root, 'kilo');
      expect(sources.map((s) => s.path).sort()).toEqual([
        '.kilo/rules/always.md',
        '.kilo/rules/typescript.md',
      ]);
      for (const source of sources) expect(loaded.includes(source.path), source.path).toBe(alwaysOn(source));
    });
  });
});
