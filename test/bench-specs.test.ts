// Invariant: every real spec in ../shared/bench/specs lints without a crash, and required-sections reports
// nothing on the specs that follow the template; the ones that do not are listed, with the reason, in
// fixtures/bench-specs.json (UPDATE_BENCH_MANIFEST=1 rewrites it from the current findings).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import {
  BENCH_SPECS,
  MANIFEST,
  benchSpecFiles,
  requiredSectionFindings,
  type ManifestEntry,
} from './bench-specs.js';

const files = benchSpecFiles();
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestEntry>;

// The evaluation data lives beside the checkout (../shared); it is absent only outside this workplace.
describe.skipIf(files.length === 0)('real specs from ../shared/bench/specs', () => {
  it('are all there (40 specs)', () => {
    expect(files.length).toBe(40);
  });

  it('lint with every rule on without throwing', () => {
    const config = resolveConfig({}, { root: BENCH_SPECS, file: undefined, strict: false });
    for (const file of files) {
      const result = lintText(readFileSync(path.join(BENCH_SPECS, file), 'utf8'), { filePath: file, config });
      expect(result.file).toBe(file);
    }
  });

  it('get exactly the required-sections findings the manifest explains', () => {
    const actual: Record<string, ManifestEntry> = {};
    for (const file of files) {
      const findings = requiredSectionFindings(file);
      if (findings.length > 0)
        actual[file] = { reason: manifest[file]?.reason ?? describeFindings(findings), findings };
    }
    if (process.env.UPDATE_BENCH_MANIFEST) writeFileSync(MANIFEST, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toStrictEqual(manifest);
    for (const entry of Object.values(manifest))
      expect(entry.reason).toMatch(/^Does not follow the template/);
  });
});

function describeFindings(findings: string[]): string {
  const missing = findings.filter((f) => f.startsWith('missing: ')).map((f) => f.slice('missing: '.length));
  const level = findings.filter((f) => f.startsWith('level: ')).map((f) => f.slice('level: '.length));
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`has no ${missing.join(', ')} section${missing.length > 1 ? 's' : ''}`);
  if (level.length > 0) parts.push(`puts ${level.join(', ')} at another heading level than the template`);
  return `Does not follow the template: it ${parts.join('; it ')}`;
}
