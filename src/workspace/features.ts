// The features of a PRD → Tech Spec → Tasks repository: `<dir>/prd-<feature>/{prd,techspec,tasks}.md`, plus any
// other spec file that the config's spec globs find. One listing shared by the CLI, the MCP server and the dashboard.
import path from 'node:path';
import { globMatcher } from './globs.js';
import { DEFAULT_SPEC_GLOBS } from './config-schema.js';
import { TechspecError } from '../errors.js';
import { trimEnd } from '../text/scan.js';

export interface Feature {
  /** Stable name: the folder name without its `prd-` prefix (e.g. `payment-webhooks`). */
  feature: string;
  /** Repository-relative folder holding the feature's files. */
  dir: string;
  /** Repository-relative paths of the feature's files that exist. */
  spec?: string;
  prd?: string;
  tasks?: string;
}

const PRD_NAMES = ['prd.md', '_prd.md'];
const TASKS_NAMES = ['tasks.md', '_tasks.md'];
const FEATURE_DIR = /^prd-(.+)$/;

/**
 * Every feature found in `files` (repository-relative, `/`-separated): folders named `prd-<feature>` with a PRD,
 * spec or tasks file, and every other folder holding a file that `specGlobs` match. Sorted by `dir`; when two
 * folders give the same name, the later one is named by its folder path instead.
 */
export function listFeatures(
  files: readonly string[],
  specGlobs: readonly string[] = DEFAULT_SPEC_GLOBS,
): Feature[] {
  const isSpec = globMatcher(specGlobs);
  const byDir = new Map<string, Feature>();
  const entry = (dir: string): Feature => {
    let found = byDir.get(dir);
    if (!found) {
      const base = path.posix.basename(dir);
      found = { feature: FEATURE_DIR.exec(base)?.[1] ?? (base === '.' || base === '' ? 'root' : base), dir };
      byDir.set(dir, found);
    }
    return found;
  };
  for (const file of files) {
    const dir = path.posix.dirname(file);
    const name = path.posix.basename(file);
    const inFeatureDir = FEATURE_DIR.test(path.posix.basename(dir));
    if (isSpec(file)) {
      const feature = entry(dir);
      // `techspec.md` wins over `techspec-v2.md` beside it; otherwise the first in sorted order.
      if (feature.spec === undefined || name === 'techspec.md') feature.spec = file;
    } else if (inFeatureDir && PRD_NAMES.includes(name)) {
      entry(dir).prd = file;
    } else if (inFeatureDir && TASKS_NAMES.includes(name)) {
      entry(dir).tasks = file;
    }
  }
  const features = [...byDir.values()].sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const seen = new Set<string>();
  for (const feature of features) {
    if (seen.has(feature.feature)) feature.feature = feature.dir;
    seen.add(feature.feature);
  }
  return features;
}

/** The feature named `name` (its name, its folder, or its spec's path), or a NOT_FOUND error listing the known ones. */
export function findFeature(features: readonly Feature[], name: string): Feature {
  const wanted = trimEnd(name.replace(/\\/g, '/').replace(/^\.\//, ''), '/');
  const found = features.find(
    (feature) =>
      feature.feature === wanted ||
      feature.dir === wanted ||
      feature.spec === wanted ||
      `prd-${feature.feature}` === wanted,
  );
  if (found) return found;
  const known = features.map((feature) => feature.feature);
  throw new TechspecError(
    'NOT_FOUND',
    `Unknown feature ${JSON.stringify(name)}, expected one of: ${known.length > 0 ? known.join(', ') : '(no features found)'}`,
  );
}

/**
 * A feature name made safe as a folder name: lower case, accents dropped, every run of other characters one `-`,
 * at most 64 characters. `../../etc` becomes `etc`; a name with no letter or digit is a USAGE error.
 */
export function featureSlug(name: string): string {
  const dashed = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');
  // Runs of `-` are single here; trimmed by index, not by the regex `-+$` that is quadratic on a long run.
  const slug = trimEnd(trimEnd(dashed, '-').replace(/^-/, '').slice(0, 64), '-');
  if (slug === '') {
    throw new TechspecError(
      'USAGE',
      `Invalid feature name ${JSON.stringify(name)}, expected letters or digits (e.g. "Payment webhooks")`,
    );
  }
  return slug.replace(/^prd-/, '');
}
