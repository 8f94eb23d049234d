// Invariant: long work shows progress on a terminal's stderr only: lint reports each file as it goes (one count, up to
// the total), machine formats (JSON, SARIF) never get a bar, and nothing is written to a stream that is not a terminal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { OutputStream } from '../src/cli/io.js';
import { progressBar, progressFor, progressNote } from '../src/cli/progress.js';
import { lintFiles } from '../src/lint/files.js';

const dir = mkdtempSync(path.join(tmpdir(), 'techspec-progress-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function stream(isTTY: boolean): OutputStream & { text: string } {
  const out = {
    text: '',
    isTTY,
    write(chunk: string) {
      out.text += chunk;
      return true;
    },
  };
  return out;
}

describe('progress', () => {
  it('lintFiles counts the files it lints, in order, up to the total', async () => {
    for (const name of ['a', 'b', 'c']) {
      mkdirSync(path.join(dir, `tasks/prd-${name}`), { recursive: true });
      writeFileSync(
        path.join(dir, `tasks/prd-${name}/techspec.md`),
        '# Tech Spec\n\n## Executive Summary\n\nText.\n',
      );
    }
    const calls: [number, number][] = [];
    await lintFiles([], { cwd: dir, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toStrictEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });

  it('draws on a terminal after its delay, never on a pipe, and never for JSON or SARIF', () => {
    let now = 0;
    const tty = stream(true);
    const bar = progressBar(tty, 'techspec lint', () => now);
    bar.update(1, 4);
    expect(tty.text).toBe('');
    now = 2000;
    bar.update(2, 4);
    expect(tty.text).toBe('\rtechspec lint [############............] 2/4 files');
    bar.end();
    expect(tty.text.endsWith('\r')).toBe(true);
    const pipe = stream(false);
    const piped = progressBar(pipe, 'x', () => now + 5000);
    piped.update(1, 2);
    expect(pipe.text).toBe('');
    expect(progressFor(tty, 'json', 'x')).toBeUndefined();
    expect(progressFor(tty, 'sarif', 'x')).toBeUndefined();
    expect(progressFor(tty, 'stylish', 'x')).toBeDefined();
  });

  it('a note (serve startup) shows on a terminal and is cleared, and is silent elsewhere', () => {
    const tty = stream(true);
    progressNote(tty, 'reading…').end();
    expect(tty.text).toBe('reading…\r        \r');
    const pipe = stream(false);
    progressNote(pipe, 'reading…').end();
    expect(pipe.text).toBe('');
  });
});
