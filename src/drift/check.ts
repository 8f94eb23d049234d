// `checkDrift`: compares specs with the code of their repository — what changed since each spec's baseline commit,
// and what the spec names that the code does not have. The one entry point of the CLI, MCP server and dashboard.
import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { lintConfigOf } from '../lint/config.js';
import { asWorkspace, type Workspace } from '../workspace/workspace.js';
import { TechspecError } from '../errors.js';
import type { InputProblem, LintResult } from '../lint/diagnostic.js';
import { parseFor } from '../spec/parse.js';
import { jsonReport, type JsonReport } from '../lint/formatters/json.js';
import { MAX_SPEC_BYTES } from '../limits.js';
import { readInside, resolveInside, writeInside, type FileStamp } from '../confine.js';
import { createProject, projectPaths } from '../workspace/project.js';
import { findFeature, listFeatures, type Feature } from '../workspace/features.js';
import { setFrontMatterField } from '../spec/front-matter-edit.js';
import { readBaseline } from './baseline.js';
import { openRepository } from './git.js';
import type { DriftOptions, DriftReport, DriftSpecSummary } from './model.js';
import { createRun, type DriftRun } from './run.js';
import { specDrift } from './spec-drift.js';
import { frontMatterValue } from '../spec/front-matter.js';

/** What `techspec check --format json` and MCP's `check_drift` give: the linter's JSON shape plus each spec's summary. */
export function driftJson(report: DriftReport): JsonReport & { specs: DriftReport['specs'] } {
  return { ...jsonReport(report), specs: report.specs };
}

/**
 * Checks `specs` (paths relative to `root` or absolute, or feature names; none: every spec of the repository) against
 * the code under `root`. With `accept`, each named spec's `baseline:` first moves to HEAD. Throws TechspecError for a
 * folder outside git, a repository with no commits, a bad config, or `accept` without specs; a spec that cannot be
 * found or read is a problem of the report, and the others are still checked.
 */
export async function checkDrift(
  root: string | Workspace,
  specs: readonly string[],
  options: DriftOptions = {},
): Promise<DriftReport> {
  const base = path.resolve(typeof root === 'string' ? root : root.root);
  if (options.accept && specs.length === 0) {
    throw new TechspecError(
      'USAGE',
      '--accept was given without specs, expected the paths of the specs to accept',
    );
  }
  const repo = await openRepository(base);
  const workspace = asWorkspace(root);
  const config = lintConfigOf(workspace);
  const isIgnored = picomatch([...config.ignore], { dot: true });
  const files = workspace.files.filter((file) => !isIgnored(file));
  const project = createProject(base, files);
  const run = createRun({
    root: base,
    head: repo.head,
    shallow: repo.shallow,
    config,
    files,
    current: projectPaths(project),
    ignored: (file) => project.ignores?.(file) ?? false,
  });
  const features = listFeatures(files, config.specs);
  const report: DriftReport = { results: [], problems: [], specs: [] };
  const targets = specs.length === 0 ? features.flatMap((f) => (f.spec ? [f.spec] : [])) : specs;
  const seen = new Set<string>();
  for (const target of targets) {
    const spec = locate(base, target, features, report.problems);
    if (spec === undefined || seen.has(spec)) continue;
    seen.add(spec);
    let checked;
    try {
      checked = await checkOne(run, spec, features, options, report.problems);
    } catch (error) {
      // One spec git cannot answer for is a problem of that spec; the others are still checked.
      if (!(error instanceof TechspecError)) throw error;
      report.problems.push({ file: spec, code: error.code, message: error.message });
      continue;
    }
    if (!checked) continue;
    report.results.push(checked.result);
    report.specs.push(checked.summary);
  }
  return report;
}

/** The repository-relative path a spec argument names: a file inside the root, or a feature's spec. */
function locate(
  root: string,
  target: string,
  features: readonly Feature[],
  problems: InputProblem[],
): string | undefined {
  try {
    const inside = resolveInside(root, target, 'spec');
    if (isFile(inside.abs)) return inside.rel;
    const feature = findFeature(features, inside.rel === '' ? target : inside.rel);
    if (feature.spec) return feature.spec;
    problems.push({
      file: target,
      code: 'NOT_FOUND',
      message: `Feature ${feature.feature} has no spec, expected a techspec.md in ${feature.dir}`,
    });
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    const message =
      error.code === 'NOT_FOUND'
        ? `No spec file or feature named ${JSON.stringify(target)}, expected a spec path or one of the features`
        : error.message;
    problems.push({ file: target, code: error.code, message });
  }
  return undefined;
}

async function checkOne(
  run: DriftRun,
  spec: string,
  features: readonly Feature[],
  options: DriftOptions,
  problems: InputProblem[],
): Promise<{ result: LintResult; summary: DriftSpecSummary } | undefined> {
  let text: string;
  let stamp: FileStamp;
  try {
    // The spec a feature name or folder leads to is confined like a path given directly: no link out is read.
    const file = readInside(run.root, spec, 'spec', MAX_SPEC_BYTES);
    text = file.bytes.toString('utf8');
    stamp = file.stamp;
  } catch (error) {
    if (!(error instanceof TechspecError)) throw error;
    problems.push({ file: spec, code: error.code, message: `${error.message}; not checked` });
    return undefined;
  }
  let doc = parseFor(text, spec, run.config);
  let accepted: DriftSpecSummary['accepted'];
  if (options.accept) {
    const before = readBaseline(doc).value;
    let next: string;
    try {
      next = setFrontMatterField(text, 'baseline', run.head);
    } catch (error) {
      if (!(error instanceof TechspecError)) throw error;
      problems.push({ file: spec, code: error.code, message: error.message });
      return undefined;
    }
    if (next !== text) {
      try {
        const outcome = writeInside(run.root, spec, next, { argument: 'spec', unchanged: stamp });
        if (!outcome.written) {
          problems.push({ file: spec, code: 'CHANGED', message: outcome.note });
          return undefined;
        }
      } catch (error) {
        if (!(error instanceof TechspecError)) throw error;
        problems.push({
          file: spec,
          code: error.code,
          message: `Cannot write the new baseline: ${error.message}`,
        });
        return undefined;
      }
    }
    accepted = { ...(before === undefined ? {} : { from: before }), to: run.head, written: next !== text };
    // Only a new baseline changes the text: the spec is parsed again then.
    if (next !== text) doc = parseFor(next, spec, run.config);
  }
  const feature =
    features.find((f) => f.spec === spec)?.feature ??
    frontMatterValue(doc, 'feature') ??
    path.posix.basename(path.posix.dirname(spec));
  const checked = await specDrift(run, { spec, feature, doc, all: options.all ?? false });
  if (accepted) checked.summary.accepted = accepted;
  return checked;
}

function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}
