// The REST API's answers as the page reads them: the server's own types (src/serve/api-types.ts), so that the page
// and the API cannot drift apart without the type checker noticing.
export type {
  ContextResponse as ContextAnswer,
  Diagnostic,
  DriftState,
  ErrorResponse as ApiError,
  InputProblem,
  RuleScanResponse as RuleScan,
  SpecDetail,
  SpecList,
  SpecSummary,
} from '../../src/serve/api-types.js';
