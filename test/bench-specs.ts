// Shared by the bench-specs test and its manifest script: required-sections findings on the real specs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../src/lint/config.js';
import { lintText } from '../src/lint/engine.js';
import { RULES } from '../src/lint/rules/index.js';

export const BENCH_SPECS = path.resolve(import.meta.dirname, '../../shared/bench/specs');
export const MANIFEST = path.resolve(import.meta.dirname, 'fixtures/bench-specs.json');

export interface ManifestEntry {
  reason: string;
  findings: string[];
}

export function benchSpecFiles(): string[] {
  return existsSync(BENCH_SPECS)
    ? readdirSync(BENCH_SPECS)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : [];
}

/** `missing: Relevant Files`, `level: Standards Compliance`, … for one spec, in report order. */
export function requiredSectionFindings(file: string): string[] {
  const rules = Object.fromEntries(
    RULES.map((r) => [r.id, r.id === 'required-sections' ? 'error' : 'off'] as const),
  );
  const config = resolveConfig({ rules }, { root: BENCH_SPECS, file: undefined, strict: false });
  const result = lintText(readFileSync(path.join(BENCH_SPECS, file), 'utf8'), { filePath: file, config });
  return result.diagnostics.map((d) => `${d.messageId}: ${/`([^`]+)`/.exec(d.message)?.[1] ?? ''}`);
}
