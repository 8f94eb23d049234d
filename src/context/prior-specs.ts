// The repository's own earlier specs as signals: what each cites under Standards Compliance and lists under Relevant
// Files, weighed by how close its text (and its PRD's) is to the text asked about. Parsed once per set of spec files
// and cached beside the index.
import { statSync } from 'node:fs';
import path from 'node:path';
import { readInside } from '../confine.js';
import { MAX_SPEC_BYTES } from '../limits.js';
import type { WorkspaceConfig } from '../workspace/config.js';
import { parseFor } from '../spec/parse.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { sectionIndex } from '../spec/walk.js';
import { listFeatures } from '../workspace/features.js';
import { parseQuery, type Query } from '../text/query.js';
import { citedRuleReferences } from '../assistants/match/cited.js';
import { readJsonCache, writeJsonCache, type CachePlace } from './json-cache.js';

const PRIOR_VERSION = 1;
const PRIOR_FILE = 'context-specs.json';
/** Terms kept per spec for similarity: its heaviest. */
const MAX_TERMS = 400;

/** What one earlier spec contributes. */
export interface PriorSpec {
  path: string;
  /** Its text's (and its PRD's) heaviest terms with their weights, answer sections left out. */
  terms: [string, number][];
  /** Paths its Relevant Files lists, as written, and the folder they are read from. */
  listed: string[];
  dir: string;
  /** Its Standards Compliance section's text, and the folders and globs it cites. */
  compliance: string;
  refs: string[];
}

const ANSWERS = ['technical-considerations/standards-compliance', 'technical-considerations/relevant-files'];

/** The earlier specs among `files` (every spec the config's globs find, `exclude` aside), parsed or from the cache. */
export function loadPriorSpecs(
  root: string,
  files: readonly string[],
  config: WorkspaceConfig,
  cache: CachePlace | undefined,
  exclude: string | undefined,
): PriorSpec[] {
  const features = listFeatures(files, config.specs).filter(
    (feature) => feature.spec !== undefined && feature.spec !== exclude,
  );
  const stamp = features
    .flatMap((feature) => [feature.spec, feature.prd])
    .filter((file): file is string => file !== undefined)
    .map((file) => {
      try {
        const stat = statSync(path.join(root, file));
        return `${file}:${stat.size}:${stat.mtimeMs}`;
      } catch {
        return `${file}:-`;
      }
    })
    .join('\n');
  const cached = readJsonCache(cache, PRIOR_FILE, { version: PRIOR_VERSION, key: stamp }, isSpecList);
  if (cached) return cached;
  const specs = features.flatMap((feature) => {
    const spec = read(root, feature.spec ?? '');
    if (spec === undefined) return [];
    const prd = feature.prd === undefined ? '' : (read(root, feature.prd) ?? '');
    return [priorSpec(feature.spec ?? '', spec, prd, config)];
  });
  writeJsonCache(cache, PRIOR_FILE, PRIOR_VERSION, stamp, specs);
  return specs;
}

function isSpecList(value: unknown): value is PriorSpec[] {
  return Array.isArray(value) && value.every((spec: Partial<PriorSpec> | null) => Array.isArray(spec?.terms));
}

function read(root: string, file: string): string | undefined {
  try {
    return readInside(root, file, 'spec', MAX_SPEC_BYTES).bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

/** One spec's facts: its terms without the answer sections, what it lists and what it cites. */
export function priorSpec(file: string, text: string, prd: string, config: WorkspaceConfig): PriorSpec {
  const doc = parseFor(text, file, config);
  const drop = new Set<number>();
  let compliance = '';
  for (const id of ANSWERS) {
    const at = sectionIndex(doc, id);
    const section = doc.sections[at];
    if (at < 0 || !section) continue;
    for (let line = section.heading.line; line <= section.endLine; line++) drop.add(line);
    if (id === ANSWERS[0]) compliance = doc.lines.slice(section.heading.line - 1, section.endLine).join('\n');
  }
  const body = doc.lines.filter((_, i) => !drop.has(i + 1)).join('\n');
  const terms = [...parseQuery(`${body}\n${prd}`).terms]
    .map(([term, { weight }]): [string, number] => [term, Math.round(weight * 1000) / 1000])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_TERMS);
  return {
    path: file,
    terms,
    listed: listedPaths(doc).map((listed) => listed.path),
    dir: path.posix.dirname(file),
    compliance,
    refs: citedRuleReferences(doc).map((ref) => ref.dotted),
  };
}

/**
 * How close each earlier spec is to the query: the cosine of their term weights times each term's rarity in the
 * repository (`idf`), in [0, 1].
 */
export function similarities(
  specs: readonly PriorSpec[],
  query: Query,
  idf: (term: string) => number,
): number[] {
  const q = new Map<string, number>();
  let qNorm = 0;
  for (const [term, { weight }] of query.terms) {
    const w = weight * idf(term);
    q.set(term, w);
    qNorm += w * w;
  }
  return specs.map((spec) => {
    let dot = 0;
    let norm = 0;
    for (const [term, weight] of spec.terms) {
      const w = weight * idf(term);
      norm += w * w;
      dot += w * (q.get(term) ?? 0);
    }
    return norm === 0 || qNorm === 0 ? 0 : dot / Math.sqrt(norm * qNorm);
  });
}

/** Per item (file or rule): the similarity-weighted share of earlier specs naming it, and the plain share. */
export interface PriorVotes {
  weighted: Map<string, number>;
  share: Map<string, number>;
  /** The similarity of the closest spec naming it. */
  best: Map<string, number>;
}

/** Tallies what each earlier spec names (`named(spec)`), each spec weighed by its similarity. */
export function priorVotes(
  specs: readonly PriorSpec[],
  sims: readonly number[],
  named: (spec: PriorSpec) => Iterable<string>,
): PriorVotes {
  const weighted = new Map<string, number>();
  const share = new Map<string, number>();
  const best = new Map<string, number>();
  const voters = specs.map((spec) => new Set(named(spec)));
  const counted = voters.filter((items) => items.size > 0).length;
  let total = 0;
  voters.forEach((items, i) => {
    if (items.size === 0) return;
    const sim = sims[i] ?? 0;
    total += sim;
    for (const item of items) {
      weighted.set(item, (weighted.get(item) ?? 0) + sim);
      share.set(item, (share.get(item) ?? 0) + 1 / counted);
      best.set(item, Math.max(best.get(item) ?? 0, sim));
    }
  });
  if (total > 0) for (const [item, value] of weighted) weighted.set(item, value / total);
  return { weighted, share, best };
}
