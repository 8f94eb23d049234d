// Invariant: the project lists exactly the files git would (or a .gitignore-aware walk would), names each assistant's
// rule files including kilo.jsonc instructions, and answers path questions (folders, globs, suffixes, near misses).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createProject,
  listFiles,
  parseJsonc,
  projectPaths,
  readKiloInstructions,
  type Project,
} from '../src/workspace/project.js';
import { createPathIndex } from '../src/workspace/paths.js';
import { basename, editDistance, readWrittenPath } from '../src/text/paths.js';

const made: string[] = [];

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techspec-project-'));
  made.push(dir);
  return dir;
}

function write(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: root,
    stdio: 'ignore',
  });
}

/** A git work tree with committed files, then more files written after the commit. */
function gitRepo(committed: Record<string, string>, after: Record<string, string>): string {
  const root = tempDir();
  git(root, 'init', '-q');
  write(root, committed);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'initial');
  write(root, after);
  return root;
}

describe('listFiles in a git work tree', () => {
  const root = gitRepo(
    {
      '.gitignore': 'dist/\n*.log\n',
      'README.md': '# Demo\n',
      'src/a.ts': 'export const a = 1;\n',
      'src/b.ts': 'export const b = 2;\n',
      'src/old.ts': 'export const old = 0;\n',
    },
    {
      'src/c.ts': 'export const c = 3;\n',
      'dist/bundle.js': 'built\n',
      'debug.log': 'noise\n',
      'node_modules/left-pad/index.js': 'module.exports = 1;\n',
      'docs/guide.md': '# Guide\n',
    },
  );
  rmSync(path.join(root, 'src/old.ts'));

  it('lists tracked and untracked files, not ignored ones, deleted ones or node_modules', () => {
    expect(listFiles(root)).toEqual([
      '.gitignore',
      'README.md',
      'docs/guide.md',
      'src/a.ts',
      'src/b.ts',
      'src/c.ts',
    ]);
  });

  it('answers which paths the root .gitignore ignores', () => {
    const project = createProject(root, listFiles(root));
    expect(
      ['dist/bundle.js', 'debug.log', 'logs/x.log', 'src/a.ts', '../up.ts', ''].map((f) =>
        project.ignores?.(f),
      ),
    ).toEqual([true, true, true, false, false, false]);
  });

  it('lists a subfolder relative to itself', () => {
    expect(listFiles(path.join(root, 'src'))).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('honours a nested .gitignore', () => {
    write(root, { 'docs/.gitignore': 'drafts/\n', 'docs/drafts/wip.md': 'wip\n' });
    expect(listFiles(root)).toEqual([
      '.gitignore',
      'README.md',
      'docs/.gitignore',
      'docs/guide.md',
      'src/a.ts',
      'src/b.ts',
      'src/c.ts',
    ]);
  });
});

describe('listFiles outside git', () => {
  it('walks the folder, honouring every .gitignore and skipping node_modules', () => {
    const root = tempDir();
    write(root, {
      '.gitignore': '*.log\nbuild/\n',
      'a.ts': 'a\n',
      'x.log': 'x\n',
      'build/out.js': 'out\n',
      'node_modules/m/index.js': 'm\n',
      'src/deep/b.ts': 'b\n',
      'src/.gitignore': 'generated.ts\n',
      'src/generated.ts': 'g\n',
      'src/deep/generated.ts': 'g\n',
      '.kilocode/rules/style.md': '# Style\n',
    });
    expect(listFiles(root)).toEqual([
      '.gitignore',
      '.kilocode/rules/style.md',
      'a.ts',
      'src/.gitignore',
      'src/deep/b.ts',
    ]);
  });
});

describe('ruleFiles', () => {
  const everyLocation = [
    '.agents/rules/review.md',
    '.agents/skills/go/SKILL.md',
    '.claude/rules/api.md',
    '.claude/skills/sql/SKILL.md',
    '.clinerules',
    '.cursor/rules/react.mdc',
    '.cursor/skills/ios/skill-ios.md',
    '.cursorrules',
    '.github/copilot-instructions.md',
    '.github/instructions/ts.instructions.md',
    '.github/skills/java/testing/SKILL.md',
    '.kilo/rules/kilo.md',
    '.kilo/skills/deploy/SKILL.md',
    '.kilocode/rules-code/testing.md',
    '.kilocode/rules/style.md',
    '.kilocode/skills/docs/SKILL.md',
    '.kilocoderules',
    '.roo/rules-architect/layers.md',
    '.roo/rules/roo.md',
    '.windsurf/rules/wind.md',
    '.windsurfrules',
    'AGENTS.md',
    'CLAUDE.md',
    'GEMINI.md',
    'web/AGENTS.md',
  ];
  const others = ['.github/workflows/ci.yml', 'README.md', 'docs/rules.md', 'src/rules/engine.ts'];

  it("names each assistant's rule files and nothing else", () => {
    const project = createProject('/nowhere', [...others, ...everyLocation]);
    expect(project.ruleFiles).toEqual(everyLocation);
  });

  it('adds extra globs and the instructions of kilo.jsonc', () => {
    const root = gitRepo(
      {
        'kilo.jsonc': [
          '{',
          '  // rules kept with the docs',
          '  "instructions": ["docs/team/*.md", "./CONTRIBUTING.md", "https://example.com/r.md", "~/global.md",],',
          '  /* trailing commas and comments are fine */',
          '  "model": "a//b",',
          '}',
        ].join('\n'),
        'docs/team/api.md': '# API\n',
        'docs/team/notes.txt': 'notes\n',
        'CONTRIBUTING.md': '# Contributing\n',
        'docs/other.md': '# Other\n',
        'standards/x.md': '# X\n',
      },
      {},
    );
    const project = createProject(root, listFiles(root), ['standards/**']);
    expect(project.ruleFiles).toEqual(['CONTRIBUTING.md', 'docs/team/api.md', 'standards/x.md']);
  });

  it('reads kilo.json under .kilo/ too', () => {
    const root = tempDir();
    write(root, { '.kilo/kilo.json': '{"instructions": ["guides/**/*.md"]}', 'guides/a/b.md': '# B\n' });
    expect(createProject(root, listFiles(root)).ruleFiles).toEqual(['guides/a/b.md']);
  });
});

describe('readKiloInstructions', () => {
  it('returns the repository-relative globs, or [] when the file is missing or malformed', () => {
    const root = tempDir();
    expect(readKiloInstructions(root)).toEqual([]);
    write(root, { 'kilo.jsonc': '{ "instructions": ["a.md", 3, "../up.md", "/abs.md", ".\\\\b\\\\c.md"] }' });
    expect(readKiloInstructions(root)).toEqual(['a.md', 'b/c.md']);
    write(root, { 'kilo.jsonc': '{ "instructions": [' });
    expect(readKiloInstructions(root)).toEqual([]);
  });

  it('parses JSON with comments and trailing commas, leaving strings alone', () => {
    expect(parseJsonc('{"a": "x // y", /* c */ "b": [1, 2,], // d\n}')).toEqual({ a: 'x // y', b: [1, 2] });
    expect(parseJsonc('{"a": "q\\" , ]"}')).toEqual({ a: 'q" , ]' });
    expect(parseJsonc('{')).toBeUndefined();
  });
});

describe('path index', () => {
  const project: Project = createProject('/nowhere', [
    'src/services/user-service.ts',
    'src/services/order-service.ts',
    'src/app.ts',
    'src/app.ts',
    'app/[id]/page.tsx',
    '.github/workflows/ci.yml',
    'lib/util/app.ts',
  ]);
  const paths = projectPaths(project);

  it('sorts and deduplicates files, and keeps one index', () => {
    expect(project.files).toEqual([
      '.github/workflows/ci.yml',
      'app/[id]/page.tsx',
      'lib/util/app.ts',
      'src/app.ts',
      'src/services/order-service.ts',
      'src/services/user-service.ts',
    ]);
    expect(projectPaths(project)).toBe(paths);
    expect(project.has('src/app.ts')).toBe(true);
    expect(project.has('src')).toBe(false);
  });

  it('answers folders, globs and suffixes', () => {
    expect([paths.hasDir('src/services'), paths.hasDir('src/services/'), paths.hasDir('src/serv')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(paths.glob('src/**/*-service.ts')).toEqual([
      'src/services/order-service.ts',
      'src/services/user-service.ts',
    ]);
    expect(paths.glob('src/{app,main}.ts')).toEqual(['src/app.ts']);
    expect(paths.glob('*.yml')).toEqual(['.github/workflows/ci.yml']);
    expect(paths.glob('lib/**')).toEqual(['lib/util/app.ts']);
    expect(paths.hasFile('app/[id]/page.tsx')).toBe(true);
    expect(paths.withSuffix('app.ts')).toEqual(['lib/util/app.ts', 'src/app.ts']);
    expect(paths.withSuffix('util/app.ts')).toEqual(['lib/util/app.ts']);
    expect(paths.withSuffix('pp.ts')).toEqual([]);
    expect(paths.dirsWithSuffix('util/')).toEqual(['lib/util']);
  });

  it('finds the closest existing path', () => {
    expect(paths.closest('src/services/user-servce.ts')).toBe('src/services/user-service.ts');
    expect(paths.closest('lib/util/App.ts')).toBe('lib/util/app.ts');
    expect(paths.closest('src/app.ts')).toBe('src/app.ts');
    expect(paths.closest('other/util/app.ts')).toBe('lib/util/app.ts');
    expect(paths.closest('src/servics/')).toBe('src/services/');
    expect(paths.closest('src/completely-different.ts')).toBeUndefined();
  });

  it('stays fast on 50,000 files', () => {
    // Seeded names from syllables: as varied in length and letters as a real repository's.
    const syllables = [
      'ka',
      'lo',
      'mi',
      'nu',
      'pe',
      'ra',
      'si',
      'to',
      'vu',
      'ze',
      'bar',
      'cor',
      'dan',
      'fel',
      'gus',
    ];
    const extensions = ['ts', 'tsx', 'go', 'md', 'json', 'py', 'java', 'swift'];
    let seed = 42;
    const pick = (n: number): number => (seed = (seed * 48271) % 2147483647) % n;
    const word = (k: number): string =>
      Array.from({ length: k }, () => syllables[pick(syllables.length)]).join('');
    const files = Array.from(
      { length: 50_000 },
      () => `${word(2)}/${word(2)}/${word(2 + pick(3))}.${extensions[pick(extensions.length)] ?? 'ts'}`,
    );
    const started = performance.now();
    const index = createPathIndex(files);
    const found = files
      .filter((_, i) => i % 997 === 0)
      .map((file) => file.replace(/\.(\w+)$/, 'x.$1'))
      .map((typo, i) => index.closest(i % 2 === 0 ? typo : `nowhere/${basename(typo)}`));
    expect(found.filter((hint) => hint !== undefined)).toHaveLength(found.length);
    expect(index.glob('ka*/**/*.go').length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('measures edit distance, giving up past the limit', () => {
    expect([
      editDistance('kitten', 'sitting'),
      editDistance('abc', 'abc'),
      editDistance('abc', 'xyz123', 2),
    ]).toEqual([3, 0, 3]);
  });
});

describe('readWrittenPath', () => {
  it.each([
    ['src/a.ts:10-20', 'code', { path: 'src/a.ts', absolute: false }],
    ['src/a.ts#L10-L20', 'code', { path: 'src/a.ts', absolute: false }],
    ['./src/a.ts', 'code', { path: 'src/a.ts', absolute: false }],
    ['/backend/src/index.ts', 'code', { path: 'backend/src/index.ts', absolute: true }],
    ['file:///home/me/repo/for%C3%A7a.md', 'link', { path: 'home/me/repo/força.md', absolute: true }],
    ['internal/{a.go, b.go}', 'code', { path: 'internal/{a.go,b.go}', absolute: false }],
    ['infra/.../gateway.go', 'code', { path: 'infra/**/gateway.go', absolute: false }],
    ['src\\win\\path.cs', 'code', { path: 'src/win/path.cs', absolute: false }],
    ['src/components/', 'text', { path: 'src/components/', absolute: false }],
    ['Dockerfile', 'code', { path: 'Dockerfile', absolute: false }],
    ['.env', 'code', { path: '.env', absolute: false }],
  ] as const)('reads %s from %s', (value, from, expected) => {
    expect(readWrittenPath(value, from)).toEqual(expected);
  });

  it.each([
    ['has spaces.ts', 'code'],
    ['https://example.com/a.md', 'link'],
    ['#section', 'link'],
    ['@/components/Button', 'code'],
    ['@nestjs/common', 'code'],
    ['github.com/org/module/v2', 'code'],
    ['application/json', 'code'],
    ['GET/PUT', 'code'],
    ['errors.Join', 'code'],
    ['.groups', 'code'],
    ['Node.js', 'text'],
    ['input/output', 'text'],
    ['3.4', 'text'],
  ] as const)('rejects %s from %s', (value, from) => {
    expect(readWrittenPath(value, from)).toBeUndefined();
  });
});
