// The workflow's drift check and PRD → tasks trace, as the dashboard state calls them. Kept behind this interface so
// that tests can stand in for them and a failing check costs its feature only that part of the page.
import { checkDrift } from '../drift/check.js';
import { traceFeature } from '../workflow/trace.js';
import type { DriftDetail } from './api-types.js';

export interface DriftOutcome {
  /** Repository-relative spec path. */
  spec: string;
  detail: DriftDetail;
}

export interface Integrations {
  /** Drift of the given specs (repository-relative paths). */
  drift?: (root: string, specs: readonly string[]) => Promise<DriftOutcome[]>;
  /** The PRD → spec → tasks trace of a feature. */
  trace?: (root: string, feature: string) => unknown;
}

/** `checkDrift` (quiet: what changed since each baseline) and `traceFeature`. */
export function defaultIntegrations(): Integrations {
  return {
    async drift(root, specs) {
      const report = await checkDrift(root, specs);
      // checkDrift pushes one result and one summary per spec it could check, in the same order.
      return report.specs.map((summary, index) => ({
        spec: summary.spec,
        detail: {
          state: summary.state,
          baseline: summary.baselineCommit ?? summary.baseline ?? null,
          findings: report.results[index]?.diagnostics ?? [],
          done: summary.done,
          notes: summary.notes,
        },
      }));
    },
    trace: (root, feature) => traceFeature(root, feature),
  };
}
