// Context on demand: which rules and files fit a spec or a text (the context engine, with its index cache), and for a
// spec, which of them its Standards Compliance and Relevant Files already list.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getContext, type ContextAnswer, type ContextOptions } from '../context/engine.js';
import { citedSources } from '../assistants/match/cited.js';
import { TechspecError } from '../errors.js';
import { parseFor } from '../spec/parse.js';
import { listedPaths } from '../spec/facts/relevant-files.js';
import { resolveInside } from '../confine.js';
import type { RuleSource } from '../assistants/rules/model.js';
import type { SpecDocument } from '../spec/model.js';
import type { ContextResponse } from './api-types.js';
import type { ServeMetrics } from './metrics.js';
import type { ServeState } from './state.js';

export interface ContextQuery {
  /** A feature name or a repository-relative spec path. */
  spec?: string;
  text?: string;
  k?: number;
}

export interface ContextService {
  answer(query: ContextQuery): Promise<ContextResponse>;
}

export function createContextService(state: ServeState, metrics: ServeMetrics): ContextService {
  const memo = new Map<string, Promise<ContextResponse>>();
  let memoGeneration = -1;
  let indexGeneration = -1;
  const compute = async (query: ContextQuery): Promise<ContextResponse> => {
    const generation = state.generation();
    const files = state.files();
    const scan = state.ruleScan();
    const options: ContextOptions = {
      files,
      scan,
      ...(query.k === undefined ? {} : { k: query.k }),
      // The first index of a generation is its refresh; later answers of that generation reuse the cached index.
      onIndexed: (stats) => {
        if (indexGeneration === generation) return;
        indexGeneration = generation;
        metrics.indexFiles.set(stats.indexed);
        metrics.indexRefreshDuration.observe(stats.ms / 1000);
      },
    };
    if (query.spec === undefined) {
      return plain(await getContext(state.root, { text: query.text ?? '', kind: 'text' }, options));
    }
    const spec = specInput(state, query.spec);
    const answer = await getContext(
      state.root,
      { text: spec.text, kind: 'spec', specPath: spec.abs },
      options,
    );
    const doc = parseFor(spec.text, spec.abs, state.config());
    return compare(answer, doc, spec.rel, scan.sources, files);
  };
  return {
    answer(query) {
      if (memoGeneration !== state.generation()) {
        memo.clear();
        memoGeneration = state.generation();
      }
      const key = JSON.stringify([query.spec, query.text, query.k]);
      let pending = memo.get(key);
      if (!pending) {
        pending = compute(query);
        memo.set(key, pending);
        pending.catch(() => memo.delete(key));
      }
      return pending;
    },
  };
}

interface SpecInput {
  abs: string;
  rel: string;
  text: string;
}

/** A feature's spec, or a spec path inside the repository: confined, then read. */
function specInput(state: ServeState, spec: string): SpecInput {
  const feature = state.features().find((f) => f.feature === spec || f.dir === spec || f.spec === spec);
  const rel = feature?.spec ?? resolveInside(state.root, spec, 'spec').rel;
  const { abs } = resolveInside(state.root, rel, 'spec');
  if (!state.files().includes(rel)) {
    throw new TechspecError(
      'NOT_FOUND',
      `Unknown spec ${JSON.stringify(spec)}, expected a feature name or a spec file of the repository`,
    );
  }
  try {
    return { abs, rel, text: readFileSync(abs, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'IO';
    throw new TechspecError('IO', `Cannot read ${rel} (${code}), expected a readable Markdown file`);
  }
}

/** Marks what the spec lists among the suggestions, and lists what it lists that is not suggested. */
function compare(
  answer: ContextAnswer,
  doc: SpecDocument,
  spec: string,
  sources: readonly RuleSource[],
  files: readonly string[],
): ContextResponse {
  // As the standards-compliance-coverage rule reads it: named, or inside a cited folder or glob.
  const cited = citedSources(doc, sources);
  const isCited = (path: string): boolean => cited.has(path);
  const listed = resolveListed(doc, spec, files);
  const base = plain(answer);
  const rules = base.rules.map((rule) => ({ ...rule, listed: isCited(rule.path) }));
  const ranked = new Set(base.files.map((file) => file.path));
  return {
    rules,
    files: base.files.map((file) => ({ ...file, listed: listed.includes(file.path) })),
    listedOnly: {
      rules: rules.filter((rule) => rule.listed && rule.verdict === 'no').map((rule) => rule.path),
      files: listed.filter((file) => !ranked.has(file)),
    },
    problems: base.problems,
  };
}

/** One repository path per Relevant Files entry: as written or from the spec's folder when that exists, else as written. */
function resolveListed(doc: SpecDocument, spec: string, files: readonly string[]): string[] {
  const known = new Set(files);
  const dir = path.posix.dirname(spec);
  const out = listedPaths(doc).map((entry) => {
    const fromDir = dir === '.' || entry.absolute ? entry.path : `${dir}/${entry.path}`;
    return known.has(entry.path) || !known.has(fromDir) ? entry.path : fromDir;
  });
  return [...new Set(out)];
}

function plain(answer: ContextAnswer): ContextResponse {
  return {
    rules: answer.rules.map(({ path, verdict, reason, score }) => ({ path, verdict, reason, score })),
    files: answer.files.map(({ path, score, reason }) => ({ path, score, reason })),
    problems: answer.problems,
  };
}
