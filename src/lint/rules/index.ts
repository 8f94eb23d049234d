// The ordered rule registry: every rule techspec has, in the order their findings are explained in docs.
import type { AnyRule } from '../rule.js';
import { requiredSections } from './required-sections.js';
import { validFrontMatter } from './valid-front-matter.js';
import { noTemplatePlaceholders } from './no-template-placeholders.js';
import { noEmptySections } from './no-empty-sections.js';
import { executiveSummaryLength } from './executive-summary-length.js';
import { interfaceExampleLength } from './interface-example-length.js';
import { codeBlockLanguage } from './code-block-language.js';
import { apiEndpointFormat } from './api-endpoint-format.js';
import { prometheusMetricNames } from './prometheus-metric-names.js';
import { logLevels } from './log-levels.js';
import { buildOrder } from './build-order.js';
import { knownRisksMitigation } from './known-risks-mitigation.js';
import { relevantFilesExist } from './relevant-files-exist.js';
import { standardsComplianceReferences } from './standards-compliance-references.js';
import { standardsComplianceCoverage } from './standards-compliance-coverage.js';
import { wordBudget } from './word-budget.js';
import { encodingArtifacts } from './encoding-artifacts.js';

export const RULES: readonly AnyRule[] = [
  requiredSections,
  validFrontMatter,
  noTemplatePlaceholders,
  noEmptySections,
  executiveSummaryLength,
  interfaceExampleLength,
  codeBlockLanguage,
  apiEndpointFormat,
  prometheusMetricNames,
  logLevels,
  buildOrder,
  knownRisksMitigation,
  relevantFilesExist,
  standardsComplianceReferences,
  standardsComplianceCoverage,
  wordBudget,
  encodingArtifacts,
];
