// The drift detectors, in the order their findings are reported. Each reads one spec against the code and says what
// it found; adding one is a module with its `check` and a line in DETECTORS (its finding kinds go in rules.ts, with
// the count key a spec's summary keeps for them). A parity test checks that every finding kind has one reporter.
import type { SpecDocument } from '../spec/model.js';
import { endpointDrift, specEndpoints } from './endpoints.js';
import { fileDrift, type BaselineFiles, type FilesInput, type Target } from './files.js';
import { grepLines } from './git.js';
import { metricDrift, metricSearch, registeredMetrics, specMetrics } from './metrics.js';
import type { EndpointState, FileState } from './model.js';
import type { DriftFinding, DriftRuleId } from './rules.js';
import type { DriftRun } from './run.js';
import { specSymbols, symbolDrift, symbolSearch } from './symbols.js';

/** One spec as every detector sees it, after its baseline was read and resolved. */
export interface DriftSpec {
  /** The spec's path relative to the root. */
  spec: string;
  doc: SpecDocument;
  /** The spec's status when it says the work is in the code. */
  implemented: string | undefined;
  /** The commit `baseline:` names, when git knows it. */
  commit: string | undefined;
  /** The baseline's files and what changed of the listed paths, when there is a baseline. */
  baseline: BaselineFiles | undefined;
  /** The paths Relevant Files lists, resolved now and at the baseline. */
  targets: readonly Target[];
}

/** What a detector found; states and notes go into the spec's summary. */
export interface Detection {
  findings: DriftFinding[];
  notes?: string[];
  files?: FileState[];
  endpoints?: EndpointState[];
}

export interface DriftDetector {
  name: string;
  /** The finding kinds it reports. */
  ids: readonly DriftRuleId[];
  check(spec: DriftSpec, run: DriftRun): Promise<Detection>;
}

/** Relevant Files: deleted, renamed, changed or missing since the baseline. */
const files: DriftDetector = {
  name: 'files',
  ids: ['drift/file-deleted', 'drift/file-renamed', 'drift/file-changed', 'drift/file-missing'],
  check(spec, run) {
    const where: FilesInput = { current: run.current, ignored: run.ignored };
    const outcome = fileDrift(spec.baseline ? { ...where, baseline: spec.baseline } : where, spec.targets);
    return Promise.resolve({ findings: outcome.findings, files: outcome.states });
  },
};

/** API Endpoints against the routes the code declares. */
const endpoints: DriftDetector = {
  name: 'endpoints',
  ids: ['drift/endpoint-missing', 'drift/endpoint-unlisted'],
  async check(spec, run) {
    const listed = specEndpoints(spec.doc);
    if (listed.length === 0) return { findings: [], endpoints: [] };
    const { commit, baseline } = spec;
    const outcome = await endpointDrift({
      doc: spec.doc,
      endpoints: listed,
      now: await run.routes(),
      ...(spec.implemented === undefined ? {} : { implemented: spec.implemented }),
      ...(baseline && commit
        ? { baseline: { label: baseline.label, routes: () => run.routesAt(commit) } }
        : {}),
    });
    return { findings: outcome.findings, notes: outcome.notes, endpoints: outcome.states };
  },
};

/**
 * Symbols and metrics the spec introduces, together because one search of the baseline commit serves both. Missing
 * ones are drift when the spec's status says the work is done, or when the code had them at the baseline (so they
 * were removed or renamed since); otherwise they are still planned.
 */
const introduced: DriftDetector = {
  name: 'symbols and metrics',
  ids: ['drift/symbol-missing', 'drift/metric-missing'],
  async check(spec, run) {
    const { implemented, commit } = spec;
    const symbols = specSymbols(spec.doc);
    const metrics = specMetrics(spec.doc);
    // What the baseline had matters only to a spec not yet implemented.
    const symbolsThen = symbolSearch(symbols.map((s) => s.name));
    const metricsThen = metricSearch(metrics.map((m) => m.name));
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
      ...(spec.baseline === undefined ? {} : { baseline: spec.baseline.label }),
    };
    if (candidates.length > 0) {
      const defined = await run.definitions();
      findings.push(...symbolDrift({ symbols: candidates, defined, atBaseline: declared, ...base }));
    }
    if (metricCandidates.length > 0) {
      const names = metricCandidates.map((m) => m.name);
      const registered = await registeredMetrics(run.root, names);
      findings.push(
        ...metricDrift({ metrics: metricCandidates, registered, atBaseline: registeredThen, ...base }),
      );
    }
    return { findings };
  },
};

/** Every detector, in the order its findings are reported. */
export const DETECTORS: readonly DriftDetector[] = [files, endpoints, introduced];

/** The finding kinds the spec's baseline itself gives (before any detector runs). */
export const BASELINE_IDS: readonly DriftRuleId[] = ['drift/no-baseline', 'drift/baseline-unknown'];
