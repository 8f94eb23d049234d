// POST /api/v0/lint: lints posted Markdown with the served repository's config and file list, and answers with the
// report `techspec lint --format json` prints for the same text. With a pool, the lint runs on a worker thread (one
// per core), so concurrent requests use every core; a worker that cannot lint leaves the text to this thread.
import { TechspecError } from '../errors.js';
import type { LintResult } from '../lint/diagnostic.js';
import { lintText } from '../lint/engine.js';
import type { LintPool } from '../lint/lint-pool.js';
import { jsonReport } from '../lint/formatters/json.js';
import { resolveInside } from '../confine.js';
import type { LintResponse } from './api-types.js';
import type { ServeMetrics } from './metrics.js';
import type { ServeState } from './state.js';

/** The name a text without `filename` is reported under. */
const TEXT_NAME = '<text>';

/**
 * `filename` (repository-relative) places the text for path checks and must stay inside the repository. An empty or
 * binary text is a USAGE error: there is nothing to lint.
 */
export async function lintPosted(
  state: ServeState,
  metrics: ServeMetrics,
  text: string,
  filename: string | undefined,
  pool?: LintPool,
): Promise<LintResponse> {
  const place = filename === undefined ? undefined : resolveInside(state.root, filename, 'filename');
  if (text.trim() === '') {
    throw new TechspecError('USAGE', 'Invalid text: it is empty, expected a tech spec in Markdown');
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    throw new TechspecError('USAGE', `Invalid text: NUL character at offset ${nul}, expected Markdown text`);
  }
  const started = performance.now();
  const filePath = place?.abs ?? TEXT_NAME;
  const result = pool ? await onPool(pool, state, text, filePath) : lintHere(state, text, filePath);
  metrics.lintRuns.inc();
  metrics.lintDuration.observe((performance.now() - started) / 1000);
  const shown = place?.rel ?? TEXT_NAME;
  const relabelled = {
    ...result,
    file: shown,
    diagnostics: result.diagnostics.map((d) => ({ ...d, file: shown })),
  };
  return jsonReport({ results: [relabelled], problems: [] });
}

function lintHere(state: ServeState, text: string, filePath: string): LintResult {
  return lintText(text, { filePath, config: state.config(), project: state.project() });
}

async function onPool(
  pool: LintPool,
  state: ServeState,
  text: string,
  filePath: string,
): Promise<LintResult> {
  const config = state.config();
  const project = {
    generation: state.generation(),
    root: state.root,
    configFile: config.file,
    listing: state.files(),
  };
  try {
    return await pool.lint(text, filePath, project);
  } catch {
    // A config the worker cannot load (the state keeps the last good one), or a worker gone: lint here.
    return lintHere(state, text, filePath);
  }
}
