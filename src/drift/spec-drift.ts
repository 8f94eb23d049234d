// The drift of one spec: its baseline, then Relevant Files, API Endpoints, symbols and metrics against the code.
import { summarize, type LintResult } from '../lint/diagnostic.js';
import type { SpecDocument } from '../spec/model.js';
import { baselineLabel, readBaseline, targetChanges } from './baseline.js';
import { endpointDrift, specEndpoints } from './endpoints.js';
import { fileDrift, listedTargets, type BaselineFiles, type FilesInput } from './files.js';
import { grepLines, resolveCommit } from './git.js';
import { metricDrift, metricSearch, registeredMetrics, specMetrics } from './metrics.js';
import type { DriftCounts, DriftSpecSummary, EndpointState, FileState } from './model.js';
import { toDiagnostic, type DriftFinding, type DriftRuleId } from './rules.js';
import type { DriftRun } from './run.js';
import { implementedStatus } from './status.js';
import { specSymbols, symbolDrift, symbolSearch } from './symbols.js';

export interface SpecInput {
  /** The spec's path relative to the root. */
  spec: string;
  feature: string;
  doc: SpecDocument;
  all: boolean;
}

export async function specDrift(
  run: DriftRun,
  input: SpecInput,
): Promise<{ result: LintResult; summary: DriftSpecSummary }> {
  const { doc } = input;
  const written = readBaseline(doc);
  const findings: DriftFinding[] = [];
  const notes: string[] = [];
  const commit = written.value === undefined ? undefined : await resolveCommit(run.root, written.value);
  let baseline: BaselineFiles | undefined;
  if (written.value === undefined) {
    findings.push({ ruleId: 'drift/no-baseline', data: {}, at: written.at });
  } else if (commit === undefined) {
    const why = run.shallow ? ' (this clone is shallow: fetch its full history, e.g. `fetch-depth: 0`)' : '';
    findings.push({
      ruleId: 'drift/baseline-unknown',
      data: { baseline: written.value, why },
      at: written.at,
    });
  }
  const data = commit === undefined ? undefined : await run.baseline(commit);
  const targets = listedTargets(doc, input.spec, data ? [run.current, data.files] : [run.current]);
  if (data && commit !== undefined && written.value !== undefined) {
    const label = baselineLabel(written.value, commit);
    baseline = { ...data, ...(await targetChanges(run.root, commit, targets, data.added)), label };
  }
  const where: FilesInput = { current: run.current, ignored: run.ignored };
  const files = fileDrift(baseline ? { ...where, baseline } : where, targets);
  findings.push(...files.findings);

  const implemented = implementedStatus(doc);
  const listed = specEndpoints(doc);
  let endpoints: EndpointState[] = [];
  if (listed.length > 0) {
    const outcome = await endpointDrift({
      doc,
      endpoints: listed,
      now: await run.routes(),
      ...(implemented === undefined ? {} : { implemented }),
      ...(baseline && commit
        ? { baseline: { label: baseline.label, routes: () => run.routesAt(commit) } }
        : {}),
    });
    findings.push(...outcome.findings);
    notes.push(...outcome.notes);
    endpoints = outcome.states;
  }

  findings.push(...(await introduced(run, doc, implemented, commit, baseline?.label)));

  const diagnostics = findings.map((finding) => toDiagnostic(doc, input.spec, finding));
  const result = summarize(input.spec, diagnostics);
  const done = files.states.filter((s) => s.status === 'done').map((s) => s.path);
  const summary: DriftSpecSummary = {
    spec: input.spec,
    feature: input.feature,
    ...(written.value === undefined ? {} : { baseline: written.value }),
    ...(commit === undefined ? {} : { baselineCommit: commit }),
    state: baseline === undefined ? 'no-baseline' : findings.length > 0 ? 'drifted' : 'clean',
    counts: countsOf(findings, done.length),
    done,
    notes,
    ...(input.all ? { files: files.states satisfies FileState[], endpoints } : {}),
  };
  return { result, summary };
}

/**
 * Symbols and metrics the spec introduces. Missing ones are drift when the spec's status says the work is done, or
 * when the code had them at the baseline (so they were removed or renamed since); otherwise they are still planned.
 */
async function introduced(
  run: DriftRun,
  doc: SpecDocument,
  implemented: string | undefined,
  commit: string | undefined,
  label: string | undefined,
): Promise<DriftFinding[]> {
  const symbols = specSymbols(doc);
  const metrics = specMetrics(doc);
  const names = symbols.map((s) => s.name);
  const metricNames = metrics.map((m) => m.name);
  // What the baseline had matters only to a spec not yet implemented: one search of that commit serves both.
  const symbolsThen = symbolSearch(names);
  const metricsThen = metricSearch(metricNames);
  const lines =
    implemented === undefined && commit !== undefined
      ? await grepLines(run.root, [...symbolsThen.needles, ...metricsThen.needles], commit)
      : [];
  const declared = symbolsThen.find(lines);
  const registeredThen = metricsThen.find(lines);
  const candidates = implemented !== undefined ? symbols : symbols.filter((s) => declared.has(s.name));
  const metricCandidates =
    implemented !== undefined ? metrics : metrics.filter((m) => registeredThen.has(m.name));
  const findings: DriftFinding[] = [];
  const base = {
    ...(implemented === undefined ? {} : { implemented }),
    ...(label === undefined ? {} : { baseline: label }),
  };
  if (candidates.length > 0) {
    const defined = await run.definitions();
    findings.push(...symbolDrift({ symbols: candidates, defined, atBaseline: declared, ...base }));
  }
  if (metricCandidates.length > 0) {
    const registered = await registeredMetrics(
      run.root,
      metricCandidates.map((m) => m.name),
    );
    findings.push(
      ...metricDrift({ metrics: metricCandidates, registered, atBaseline: registeredThen, ...base }),
    );
  }
  return findings;
}

const COUNTED: Partial<Record<DriftRuleId, keyof DriftCounts>> = {
  'drift/file-deleted': 'deleted',
  'drift/file-renamed': 'renamed',
  'drift/file-changed': 'changed',
  'drift/file-missing': 'missing',
  'drift/endpoint-missing': 'endpointMissing',
  'drift/endpoint-unlisted': 'endpointUnlisted',
  'drift/symbol-missing': 'symbolMissing',
  'drift/metric-missing': 'metricMissing',
};

function countsOf(findings: readonly DriftFinding[], done: number): DriftCounts {
  const counts: DriftCounts = {
    findings: findings.length,
    deleted: 0,
    renamed: 0,
    changed: 0,
    missing: 0,
    endpointMissing: 0,
    endpointUnlisted: 0,
    symbolMissing: 0,
    metricMissing: 0,
    done,
  };
  for (const finding of findings) {
    const key = COUNTED[finding.ruleId];
    if (key) counts[key]++;
  }
  return counts;
}
