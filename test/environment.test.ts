// Invariant: `npm test` passes on a machine with nothing but Node: Chromium is looked up (never assumed at
// /usr/bin/chromium), and only test/environment.ts and the helpers built on it reach outside the repository.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from './environment.js';

const dir = mkdtempSync(path.join(tmpdir(), 'techspec-env-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('findChromium', () => {
  it('takes TECHSPEC_CHROMIUM when it is executable, and nothing when it is not', () => {
    const browser = path.join(dir, 'my-chromium');
    writeFileSync(browser, '#!/bin/sh\n');
    chmodSync(browser, 0o755);
    expect(findChromium({ TECHSPEC_CHROMIUM: browser, PATH: '' })).toBe(browser);
    expect(findChromium({ TECHSPEC_CHROMIUM: path.join(dir, 'absent'), PATH: '' })).toBeUndefined();
  });

  it('looks in the fixed places, then on PATH', () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const onPath = path.join(bin, 'chromium');
    writeFileSync(onPath, '#!/bin/sh\n');
    chmodSync(onPath, 0o755);
    expect(findChromium({ PATH: bin }, [])).toBe(onPath);
    expect(findChromium({ PATH: bin }, [path.join(dir, 'my-chromium')])).toBe(path.join(dir, 'my-chromium'));
    expect(findChromium({ PATH: path.join(dir, 'empty') }, [])).toBeUndefined();
  });
});

describe('tests that read outside the repository', () => {
  it('go through test/environment.ts (which skips with a reason) or bench-specs.ts', () => {
    const testDir = import.meta.dirname;
    const offenders = readdirSync(testDir)
      .filter((name) => name.endsWith('.ts') && !['environment.ts', 'environment.test.ts'].includes(name))
      .filter((name) =>
        /executablePath: '|\.\.\/\.\.\/shared|'\.\.\/shared/.test(
          readFileSync(path.join(testDir, name), 'utf8'),
        ),
      );
    expect(offenders).toStrictEqual([]);
  });
});
