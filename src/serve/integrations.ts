// The workflow's drift check and PRD → tasks trace, as the dashboard state calls them. Kept behind this interface so
// that a failing check costs its feature only that part of the page, never the server.
import type { Diagnostic } from '../lint/diagnostic.js';
import type { DriftDetail } from './spec-model.js';

export interface DriftOutcome {
  /** Repository-relative spec path. */
  spec: string;
  detail: DriftDetail;
}

export interface Integrations {
  /** Drift of the given specs (repository-relative paths); absent when the drift check is not available. */
  drift?: (root: string, specs: readonly string[]) => Promise<DriftOutcome[]>;
  /** The PRD → spec → tasks trace of a feature; absent when the trace is not available. */
  trace?: (root: string, feature: string) => unknown;
}

export type { Diagnostic };

/** What this build of techspec provides. */
export function defaultIntegrations(): Integrations {
  return {};
}
