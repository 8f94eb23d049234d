// techspec's public API: explicit named exports only.
export { parseSpec } from './spec/parse.js';
export type { ParseOptions, SectionMatcher } from './spec/parse.js';
export type {
  Block,
  CodeBlock,
  Comment,
  FrontMatter,
  Heading,
  InlineCode,
  Link,
  List,
  ListItem,
  Paragraph,
  Position,
  Section,
  Span,
  SpecDocument,
  Table,
  TableCell,
} from './spec/model.js';
export { loadTemplate, indexSections } from './spec/template.js';
export type { SectionConstraints, SectionIndex, Template, TemplateSection } from './spec/template.js';
export { loadDefaultTemplate, defaultTemplatePath } from './spec/default-template.js';
export { PRESETS, DEFAULT_PRESETS } from './spec/presets.js';
export { CONFIG_FILES } from './workspace/config.js';
export { loadConfig, resolveConfig } from './lint/config.js';
export type { LoadConfigOptions } from './workspace/config.js';
export type { ActiveRule, ResolvedConfig } from './lint/config.js';
export { lintText, lintDocument } from './lint/engine.js';
export type { LintTextOptions } from './lint/engine.js';
export { applyFixes } from './lint/fix.js';
export { lintFiles, lintSource, DEFAULT_MAX_FILE_BYTES } from './lint/files.js';
export type { LintFilesOptions, LintFilesReport, LintSourceOptions } from './lint/files.js';
export { FORMATTERS, FORMAT_NAMES, formatReport } from './lint/formatters/index.js';
export type { FormatName } from './lint/formatters/index.js';
export type { FormatContext, Formatter, LintReport, RuleInfo } from './lint/formatters/types.js';
export { RULES } from './lint/rules/index.js';
export { rulesTable } from './lint/rules-table.js';
export { defineRule } from './lint/rule.js';
export type { AnyRule, Report, Rule, RuleContext } from './lint/rule.js';
export { docsUrl } from './lint/diagnostic.js';
export type { Diagnostic, Fix, InputProblem, LintResult, Severity } from './lint/diagnostic.js';
export { createProject, gitTopLevel, listFiles } from './workspace/project.js';
export type { Project } from './workspace/project.js';
export { discoverRuleSources } from './assistants/rules/discover.js';
export type { DiscoverOptions, RuleScan } from './assistants/rules/discover.js';
export { formatRuleScan } from './assistants/rules/format.js';
export type { RuleScanFormat } from './assistants/rules/format.js';
export type {
  RuleActivation,
  RuleCategory,
  RuleProblem,
  RuleSource,
  RuleTool,
} from './assistants/rules/model.js';
export { getContext } from './context/engine.js';
export type { ContextAnswer, ContextInput, ContextOptions } from './context/engine.js';
export { CONTEXT_FORMATS, formatContext } from './context/format.js';
export type { ContextFormat } from './context/format.js';
export { matchRules } from './assistants/match/match.js';
export type { MatchInput, RuleVerdict, Verdict } from './assistants/match/match.js';
export { detectStack } from './assistants/match/stack.js';
export type { StackFacts } from './assistants/match/stack.js';
export { TECHS } from './text/techs.js';
export type { Tech } from './text/techs.js';
export { buildIndex, DEFAULT_CACHE_DIR } from './context/build.js';
export type { BuildOptions } from './context/build.js';
export { DEFAULT_K, rankFiles } from './context/ranking.js';
export type { RankOptions, RankQuery } from './context/ranking.js';
export type { IndexStats, RankedFile, RelevanceIndex } from './context/model.js';
export { tokenize } from './text/tokenize.js';
export { GLOSSARY, translate } from './text/glossary.js';
export { listFeatures, findFeature, featureSlug } from './workspace/features.js';
export type { Feature } from './workspace/features.js';
export { setFrontMatterField } from './spec/front-matter-edit.js';
export { newSpec, NEW_SPEC_FILES } from './workflow/new.js';
export type { NewSpecOptions, NewSpecResult } from './workflow/new.js';
export { generateTasks } from './workflow/tasks.js';
export type { TasksOptions, TasksResult } from './workflow/tasks.js';
export { findIds, readRequirements, REQUIREMENT_PREFIXES } from './workflow/requirements.js';
export type { IdMention, Requirement } from './workflow/requirements.js';
export { traceFeature } from './workflow/trace.js';
export type {
  TraceCounts,
  TracedRequirement,
  TracedTask,
  TraceReport,
  UnknownCitation,
} from './workflow/trace.js';
export { formatTrace, TRACE_FORMATS } from './workflow/trace-format.js';
export type { TraceFormat } from './workflow/trace-format.js';
export { initProject, AGENT_NAMES } from './workflow/init.js';
export type { AgentName, InitAction, InitFile, InitOptions, InitResult } from './workflow/init.js';
export { resolveInside, isWithin } from './confine.js';
export type { InsidePath } from './confine.js';
export { createMcpServer } from './mcp/server.js';
export type { McpServerOptions } from './mcp/server.js';
export { TechspecError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { checkDrift } from './drift/check.js';
export type {
  DriftCounts,
  DriftOptions,
  DriftReport,
  DriftSpecSummary,
  DriftState,
  EndpointState,
  FileState,
  FileStatus,
} from './drift/model.js';
export { DRIFT_RULES } from './drift/rules.js';
export { extractRoutes } from './drift/routes/index.js';
export type { Framework, Route, RouteScan } from './drift/routes/index.js';
export { createServeApp } from './serve/app.js';
export type { ServeApp, ServeAppOptions } from './serve/app.js';
export { startServer } from './serve/server.js';
export type { RunningServer, StartOptions } from './serve/server.js';
export type {
  ContextResponse,
  DriftDetail,
  LintResponse,
  RuleScanResponse,
  SpecDetail,
  SpecList,
  SpecSummary,
} from './serve/api-types.js';
