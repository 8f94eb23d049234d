import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from '../src/confine.js';
import { findFeature, listFeatures, featureSlug } from '../src/workspace/features.js';

describe('listFeatures', () => {
  it('groups prd, spec and tasks by feature folder and finds specs elsewhere by the spec globs', () => {
    const features = listFeatures([
      'README.md',
      'docs/techspec-search.md',
      'tasks/prd-payment-webhooks/prd.md',
      'tasks/prd-payment-webhooks/tasks.md',
      'tasks/prd-payment-webhooks/techspec.md',
      'tasks/prd-refunds/prd.md',
    ]);
    expect(features).toEqual([
      { feature: 'docs', dir: 'docs', spec: 'docs/techspec-search.md' },
      {
        feature: 'payment-webhooks',
        dir: 'tasks/prd-payment-webhooks',
        prd: 'tasks/prd-payment-webhooks/prd.md',
        tasks: 'tasks/prd-payment-webhooks/tasks.md',
        spec: 'tasks/prd-payment-webhooks/techspec.md',
      },
      { feature: 'refunds', dir: 'tasks/prd-refunds', prd: 'tasks/prd-refunds/prd.md' },
    ]);
  });

  it('names a second folder with the same name by its path', () => {
    const features = listFeatures(['a/prd-x/techspec.md', 'b/prd-x/techspec.md']);
    expect(features.map((feature) => feature.feature)).toEqual(['x', 'b/prd-x']);
  });

  it('finds a feature by name, folder or spec path, and names the known ones when it cannot', () => {
    const features = listFeatures(['tasks/prd-a/techspec.md', 'tasks/prd-b/prd.md']);
    expect(findFeature(features, 'a').dir).toBe('tasks/prd-a');
    expect(findFeature(features, 'tasks/prd-b/').feature).toBe('b');
    expect(findFeature(features, './tasks/prd-a/techspec.md').feature).toBe('a');
    expect(() => findFeature(features, 'c')).toThrow('Unknown feature "c", expected one of: a, b');
  });
});

describe('featureSlug', () => {
  it('makes stable, safe folder names', () => {
    expect(featureSlug('Payment webhooks')).toBe('payment-webhooks');
    expect(featureSlug('Gestão de Cartões')).toBe('gestao-de-cartoes');
    expect(featureSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(featureSlug('prd-refunds')).toBe('refunds');
    expect(() => featureSlug('../..')).toThrow('Invalid feature name "../..", expected letters or digits');
  });
});

describe('resolveInside', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'techspec-confine-'));
  mkdirSync(path.join(root, 'docs'));
  writeFileSync(path.join(root, 'docs/a.md'), 'x');
  const outside = mkdtempSync(path.join(os.tmpdir(), 'techspec-outside-'));
  symlinkSync(outside, path.join(root, 'escape'));

  it('accepts paths inside the root, existing or not', () => {
    expect(resolveInside(root, 'docs/a.md', 'path').rel).toBe('docs/a.md');
    expect(resolveInside(root, path.join(root, 'docs/new/b.md'), 'path').rel).toBe('docs/new/b.md');
  });

  it('rejects .., absolute paths elsewhere and symlinks out, naming the argument', () => {
    expect(() => resolveInside(root, '../x', 'path')).toThrow(
      /Invalid path "\.\.\/x": it lies outside the project root/,
    );
    expect(() => resolveInside(root, '/etc/passwd', '--prd')).toThrow(/Invalid --prd "\/etc\/passwd"/);
    expect(() => resolveInside(root, 'escape/file.md', 'path')).toThrow(/outside the project root/);
    expect(() => resolveInside(root, '', 'path')).toThrow(
      'Invalid path "", expected a non-empty path inside the project',
    );
  });
});
