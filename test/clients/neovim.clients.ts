// Invariant: Neovim's built-in LSP client (the Debian package, 0.7 here) started on `techspec lsp --stdio` receives
// techspec's diagnostic for a flawed spec with its range and code, applies the quick fix so the diagnostic goes, and
// completes a rule path under Standards Compliance.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, removeRepos } from '../context-repos.js';
import { exampleFiles } from '../mcp-repo.js';
import { BIN } from './repo.js';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimVersion = NVIM.status === 0 ? (NVIM.stdout.split('\n')[0] ?? '') : undefined;
if (nvimVersion === undefined) {
  process.stderr.write(
    '\n!!! test:clients: nvim is not installed (apt-get install neovim); the Neovim checks are SKIPPED\n\n',
  );
}

const SPEC = 'tasks/prd-order-webhooks/techspec.md';

interface NvimDiagnostic {
  code: string;
  lnum: number;
  col: number;
  end_col: number;
  source: string;
}

interface NvimRun {
  error?: string;
  arrived: boolean;
  before: NvimDiagnostic[];
  all_codes: string[];
  actions?: string[];
  applied?: string;
  line_after?: string;
  gone?: boolean;
  after?: NvimDiagnostic[];
  completion?: { label: string; detail?: string }[];
}

describe.skipIf(nvimVersion === undefined)(`Neovim (${nvimVersion ?? 'absent'})`, () => {
  let seen: NvimRun;
  let flawedLine: number;
  let work: string;

  beforeAll(() => {
    const files = exampleFiles();
    const spec = (files[SPEC] ?? '').replace('signed JSON payloads.', 'signed JSON payloads, cafÃ© style.');
    flawedLine = spec.split('\n').findIndex((line) => line.includes('cafÃ©'));
    const root = makeRepo({ ...files, [SPEC]: spec });
    work = mkdtempSync(path.join(os.tmpdir(), 'techspec-nvim-'));
    const outFile = path.join(work, 'out.json');
    const result = spawnSync(
      'nvim',
      [
        '--headless',
        '-u',
        'NONE',
        '-i',
        'NONE',
        '-c',
        `luafile ${path.join(import.meta.dirname, 'neovim.lua')}`,
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 150_000,
        env: {
          ...process.env,
          HOME: work,
          XDG_STATE_HOME: work,
          XDG_DATA_HOME: work,
          TECHSPEC_ROOT: root,
          TECHSPEC_SPEC: SPEC,
          TECHSPEC_BIN: BIN,
          TECHSPEC_NODE: process.execPath,
          TECHSPEC_NVIM_OUT: outFile,
        },
      },
    );
    let text: string;
    try {
      text = readFileSync(outFile, 'utf8');
    } catch {
      throw new Error(
        `nvim wrote no result (exit ${String(result.status)}): ${result.stderr}${result.stdout}`,
      );
    }
    seen = JSON.parse(text) as NvimRun;
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    removeRepos();
  });

  it('receives the diagnostic with its range and code', () => {
    expect(seen.error).toBeUndefined();
    expect(seen.arrived).toBe(true);
    // Neovim counts columns in bytes: the server's UTF-16 range of `Ã©` covers its 4 UTF-8 bytes.
    const col = Buffer.byteLength(
      'Partners subscribe a URL to order events and receive signed JSON payloads, caf',
    );
    expect(seen.before).toEqual([
      {
        code: 'encoding-artifacts',
        lnum: flawedLine,
        col,
        end_col: col + Buffer.byteLength('Ã©'),
        source: 'techspec',
      },
    ]);
  });

  it('applies the quick fix and the diagnostic goes', () => {
    expect(seen.actions).toEqual(
      expect.arrayContaining(['Fix all techspec problems', 'Disable encoding-artifacts for this line']),
    );
    expect(seen.applied).toMatch(/^Fix: /);
    expect(seen.line_after).toContain('café style');
    expect(seen.gone).toBe(true);
    expect(seen.after).toEqual([]);
  });

  it('completes a rule path under Standards Compliance, with the reason', () => {
    const http = seen.completion?.find((item) => item.label === '.kilocode/rules/http-api.md');
    expect(http?.detail).toMatch(/^(applies|likely|no): /);
    expect(seen.completion?.map((item) => item.label)).toContain('.kilocode/rules/observability.md');
  });
});
